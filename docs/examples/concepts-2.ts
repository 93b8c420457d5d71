import {
  isEscalationError,
  parseContext,
  resolveContextLimits,
  type ContextIssue,
  type EscalationContext,
} from '@pillar/escalation-core';

// Checked once at startup: a typo or a negative number fails here (CONFIGURATION), not per request.
const limits = resolveContextLimits({ maxMessageLength: 500_000 });

type Outcome =
  | { ok: true; context: EscalationContext }
  | { ok: false; status: 400 | 413; message: string; path: string };

// A browser sent `{ context }`: validate it before anything reads it.
export function readContext(body: unknown): Outcome {
  const input = typeof body === 'object' && body !== null ? (body as { context?: unknown }).context : undefined;
  try {
    return { ok: true, context: parseContext(input, limits) };
  } catch (error) {
    if (!isEscalationError(error) || error.code !== 'INVALID_CONTEXT') throw error;
    // e.g. 'messages[3].role must be one of user, assistant, system (got "bot")'
    const issue = error.details as unknown as ContextIssue;
    return { ok: false, status: issue.reason === 'limit' ? 413 : 400, message: error.message, path: issue.path };
  }
}
