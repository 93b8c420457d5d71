import { composeRedactors, createRedactor, defaultRedactor, renderTranscript, type EscalationContext, type Redactor } from '@pillar/escalation-core';

// The built-in rules plus your own. Keep a rule idempotent: its replacement must not match it again.
export const redactor = createRedactor({
  extra: [
    { pattern: /\bACME-\d{6}\b/g, replacement: '[account number]' },
    { pattern: /\b\d{3}-\d{2}-\d{4}\b/g, replacement: (match) => `[SSN •••• ${match.slice(-4)}]` },
  ],
});

// Cards only (no secret formats), or nothing at all.
export const cardsOnly = createRedactor({ secrets: false });

// A redactor is any idempotent (text) => string; compose yours with the default.
const dropEmails: Redactor = (text) => text.replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[email]');
export const strict = composeRedactors(defaultRedactor, dropEmails);

export function render(context: EscalationContext) {
  return {
    masked: renderTranscript(context, { format: 'text', redact: strict }),
    asTyped: renderTranscript(context, { format: 'text', redact: false }),
  };
}
