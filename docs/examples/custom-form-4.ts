import { describeOptionChecks } from '@pillar/escalation-testkit';
import { CUSTOM_FORM_OPTIONS, customForm, type CustomFormOptions } from '@pillar/example-custom-form-adapter';

describeOptionChecks<CustomFormOptions>('customForm', {
  factory: customForm,
  declaration: CUSTOM_FORM_OPTIONS,
  valid: { endpoint: '/api/support' },
  sources: [{ file: 'src/custom-form.ts', interface: 'CustomFormOptions' }],
});
