// The sample in packages/zendesk/README.md (compiled by the type check; check:docs keeps them equal).
import { zendeskMessenger } from '@pillar/escalation-zendesk';

// Browser: the Messaging snippet is on the page; the transcript goes in a custom ticket field.
export const chatWithSupport = zendeskMessenger({
  fields: { transcript: '360001234567', reason: '360001234569' },
  widgetTimeoutMs: 3_000,
});
