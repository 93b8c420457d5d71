import { EscalationError } from '@pillar/escalation-core';
import type { ZendeskHttpAnswer } from './errors';

/** Network failures (Node's `fetch` names them in `cause.code`) that prove the request was not sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export interface FetchJsonOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  signal?: AbortSignal;
  /** For messages. */
  provider: string;
}

/**
 * One JSON POST through `fetch` (browser-safe), with a timeout that covers reading the answer.
 * Resolves with any HTTP answer; rejects only for abort (`ABORTED`), timeout (`TIMEOUT`) and
 * network failures (`PROVIDER_UNAVAILABLE`). Those that may have reached the provider are marked
 * `ambiguous` and not retryable: this path carries no idempotency key.
 */
export async function postJson(url: string, body: unknown, options: FetchJsonOptions): Promise<ZendeskHttpAnswer> {
  const { provider, timeoutMs, signal } = options;
  if (signal?.aborted) throw new EscalationError('ABORTED', `The request to ${provider} was aborted`, { cause: signal.reason });
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await options.fetch(url, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      // Anonymous on purpose: a Zendesk session cookie of the user must not ride along.
      credentials: 'omit',
      signal: controller.signal,
    });
    const text = await response.text();
    return { status: response.status, header: (name) => response.headers.get(name), body: parseJson(text) };
  } catch (error) {
    if (signal?.aborted) throw new EscalationError('ABORTED', `The request to ${provider} was aborted`, { cause: error });
    if (timedOut) {
      throw new EscalationError('TIMEOUT', `${provider} did not answer within ${timeoutMs} ms; the request may have been received, so it was not repeated`, {
        cause: error,
        retryable: false,
        details: { ambiguous: true },
      });
    }
    const code = causeCode(error);
    if (code && NOT_SENT.has(code)) {
      throw new EscalationError('PROVIDER_UNAVAILABLE', `${provider} could not be reached (${code})`, { cause: error, details: { code } });
    }
    // A browser says only "Failed to fetch": refused, CORS and reset look alike, so assume the worst.
    throw new EscalationError('PROVIDER_UNAVAILABLE', `The request to ${provider} failed${code ? ` (${code})` : ''}; it may have been received, so it was not repeated`, {
      cause: error,
      retryable: false,
      details: { ambiguous: true, ...(code ? { code } : {}) },
    });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}
