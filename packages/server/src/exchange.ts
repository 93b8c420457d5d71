import { readBodyText, type BodyFailure } from './body';
import { responseTexts, socketAddresses, unmatchedRoutes } from './internal';

/**
 * One request as the relay reads it. The handler's logic works on this, so `toNodeHandler` can
 * serve the handler straight from `node:http` without building a web `Request` and `Response`
 * for every call (both are costly on Node), while a fetch-standard runtime wraps its `Request`.
 */
export interface RelayExchange {
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  /** A request header by lower-case name, or `null`. */
  header(name: string): string | null;
  /** The body as UTF-8 text, reading no more than `maxBytes`. */
  readBody(maxBytes: number): Promise<string | BodyFailure>;
  /** Whether the client is gone. */
  readonly aborted: boolean;
  /** The socket's remote address, when known. */
  address(): string | undefined;
  /** The web `Request` (made on demand under `toNodeHandler`, without the body) for `identify` and friends. */
  request(): Request;
}

/** What the relay answers, before it becomes a `Response` or a `node:http` answer. */
export interface RelayOutput {
  status: number;
  /** Often shared between answers (frozen): copy it to add a header. */
  headers: Readonly<Record<string, string>>;
  body: string | null;
  /** The path is none of the handler's routes (Express: `next()`). */
  unmatched?: boolean;
  /** A streamed body (Server-Sent Events) instead of `body`; cancelled when the client leaves. */
  stream?: ReadableStream<Uint8Array>;
}

/** The handler's logic, found by `toNodeHandler` from the handler function. */
export const relayCores = new WeakMap<(request: Request) => Promise<Response>, (exchange: RelayExchange) => Promise<RelayOutput>>();

/** A fetch `Request` as an exchange. */
export function exchangeFromRequest(request: Request): RelayExchange {
  return {
    method: request.method,
    url: request.url,
    header: (name) => request.headers.get(name),
    readBody: (maxBytes) => readBodyText(request, maxBytes),
    get aborted() {
      return request.signal.aborted;
    },
    address: () => socketAddresses.get(request),
    request: () => request,
  };
}

/** An output as a fetch `Response`. */
export function outputToResponse(output: RelayOutput): Response {
  if (output.stream) return new Response(output.stream, { status: output.status, headers: output.headers });
  const response = new Response(output.body, { status: output.status, headers: output.headers });
  if (output.body !== null) responseTexts.set(response, output.body);
  if (output.unmatched) unmatchedRoutes.add(response);
  return response;
}
