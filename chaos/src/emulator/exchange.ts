import type { IncomingHttpHeaders } from 'node:http';
import type { RequestRole } from '../faults';
import type { ProviderName } from './truth';

/** One request as the emulated providers see it: the body already read and parsed. */
export interface EmulatedRequest {
  method: string;
  /** The path below the provider's prefix, e.g. `/api/v2/tickets`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body; `undefined` when there was none or it was not JSON. */
  body: unknown;
}

/** What a provider answers. */
export interface EmulatedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * A request a provider recognised: its role (which decides the faults it may get) and the work
 * it does, run only when the fault lets it (a reset before the work, a 503, a 429 never run it).
 */
export interface Route {
  provider: ProviderName;
  role: RequestRole;
  /** Does the work (creates, looks up) and builds the answer. */
  run(): EmulatedAnswer;
  /** The provider's own 429: its body and its wait header. */
  rateLimited(): EmulatedAnswer;
  /** The provider's own 5xx body for `status`. */
  failed(status: 500 | 503): EmulatedAnswer;
}

/** The provider part of the emulator: recognises its requests. */
export interface EmulatedProvider {
  name: ProviderName;
  /** The route for a request, `undefined` when this provider has no such endpoint (404). */
  route(request: EmulatedRequest): Route | undefined;
}

/** The request's single header value (`undefined` when absent or repeated). */
export function header(request: EmulatedRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

/** An object body's field, `undefined` otherwise. */
export function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

/** A plain object, or `undefined`. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
