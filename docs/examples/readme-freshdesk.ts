// The sample in packages/freshdesk/README.md (compiled by the type check; check:docs keeps them equal).
import { freshdeskWidget } from '@pillar/escalation-freshdesk';

// Browser: the Help Widget snippet (with your widget_id) is on the page.
export const contactSupport = freshdeskWidget({
  formId: 5,
  fields: { reason: 'cf_reason', plan: 'cf_plan' },
  widgetTimeoutMs: 3_000,
});
