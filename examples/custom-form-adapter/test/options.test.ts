import { describeOptionChecks } from '@pillar/escalation-testkit';
import { join } from 'node:path';
import { CUSTOM_FORM_OPTIONS, customForm, type CustomFormOptions } from '../src';

// Each option given each value its declared field refuses is CONFIGURATION naming it, and each
// declared default is the `@defaultValue` of CustomFormOptions.
describeOptionChecks<CustomFormOptions>('customForm', {
  factory: customForm,
  declaration: CUSTOM_FORM_OPTIONS,
  valid: { endpoint: '/api/support', fields: [{ name: 'email', label: 'Email', type: 'email', required: true, prefill: 'email' }], headers: { 'x-csrf-token': 't' } },
  sources: [{ file: join(__dirname, '../src/custom-form.ts'), interface: 'CustomFormOptions' }],
});

describe('customForm endpoint', () => {
  it.each(['/api/support', 'https://support.example.com/form', 'http://localhost:3000/form', '//support.example.com/form'])('takes %s', (endpoint) => {
    expect(() => customForm({ endpoint })).not.toThrow();
  });
});
