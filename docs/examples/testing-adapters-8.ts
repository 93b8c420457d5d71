import { EscalationError, renderTranscript, titleFromContext, type EscalationAdapter } from '@pillar/escalation-core';
import { describeAdapterConformance } from '@pillar/escalation-testkit';

/** Files an issue in Acme Tracker, which takes bug reports only. */
export function acmeBugs(): EscalationAdapter<{ title: string; body: string }> {
  return {
    kind: 'acme-bug',
    runtime: 'server',
    toPayload(context) {
      if (context.reason !== 'bug') throw new EscalationError('NOT_ALLOWED', 'Acme Tracker takes bug reports only');
      return { title: titleFromContext(context), body: renderTranscript(context, { format: 'markdown', maxLength: 60_000 }) };
    },
    async deliver() {
      throw new EscalationError('PROVIDER_UNAVAILABLE', 'not part of this example');
    },
  };
}

describeAdapterConformance('acme-bug', acmeBugs, {
  skip: {
    'produces-payload': 'takes bug reports only: the billing conversation is refused with NOT_ALLOWED',
  },
  fixtures: {
    'bug-report': {
      conversationId: 'conv_bug',
      messages: [{ role: 'user', content: 'Export crashes when the file name is <b>bold</b>' }],
      reason: 'bug',
    },
  },
  textFields: ['title', 'body'],
});
