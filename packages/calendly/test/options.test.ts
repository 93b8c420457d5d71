import { describeOptionChecks } from '@pillar/escalation-testkit';
import { join } from 'node:path';
import { CALENDLY_SCHEDULING_OPTIONS, calendlyScheduling, type CalendlySchedulingOptions } from '../src';

describeOptionChecks<CalendlySchedulingOptions>('calendlyScheduling', {
  factory: calendlyScheduling,
  declaration: CALENDLY_SCHEDULING_OPTIONS,
  valid: { url: 'https://calendly.com/acme/support-call' },
  sources: [{ file: join(__dirname, '../src/calendly-scheduling.ts'), interface: 'CalendlySchedulingOptions' }],
});
