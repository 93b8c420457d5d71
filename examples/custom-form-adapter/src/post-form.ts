import { EscalationError, errorFromResponse, type Delivery } from '@pillar/escalation-core';
import type { CustomFormSubmission } from './custom-form';

/** How the POST is sent. */
export interface PostFormOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  signal: AbortSignal;
}

/**
 * POSTs the submission as JSON with `fetch` and reads `{ id?, url? }` from a 2xx answer.
 * Every failure is an `EscalationError`: the form shows its message and the user may retry.
 */
export async function postForm(endpoint: string, submission: CustomFormSubmission, options: PostFormOptions): Promise<Delivery> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      // Your headers first: the content type and the key are part of the contract.
      headers: { ...options.headers, 'content-type': 'application/json', 'idempotency-key': submission.idempotencyKey },
      body: JSON.stringify(submission),
      signal: AbortSignal.any([options.signal, timeout]),
      credentials: 'same-origin',
    });
  } catch (cause) {
    if (options.signal.aborted) throw new EscalationError('ABORTED', 'The form was closed while sending', { cause });
    if (timeout.aborted) throw new EscalationError('TIMEOUT', `The support endpoint did not answer within ${options.timeoutMs} ms`, { cause });
    throw new EscalationError('PROVIDER_UNAVAILABLE', 'The support endpoint could not be reached', { cause });
  }
  const body = await readJson(response);
  if (!response.ok) {
    // The idempotency key makes a repeat safe: the endpoint answers the first ticket again.
    throw errorFromResponse(
      { provider: 'The support endpoint', status: response.status, header: (name) => response.headers.get(name), body },
      { safeToRetry: true, errorDetails: (b) => (isRecord(b) && typeof b.message === 'string' ? { message: b.message } : undefined) },
    );
  }
  const reference: { id?: string; url?: string } = {};
  if (isRecord(body)) {
    if (typeof body.id === 'string' || typeof body.id === 'number') reference.id = String(body.id);
    if (typeof body.url === 'string' && /^https?:\/\//i.test(body.url)) reference.url = body.url;
  }
  return Object.keys(reference).length > 0 ? { status: 'created', reference } : { status: 'created' };
}

async function readJson(response: Response): Promise<unknown> {
  if (!/[/+]json\b/i.test(response.headers.get('content-type') ?? '')) return undefined;
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
