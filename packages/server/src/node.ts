import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeUtf8, type BodyFailure } from './body';
import { relayCores, type RelayExchange, type RelayOutput } from './exchange';
import { responseTexts, socketAddresses, unmatchedRoutes } from './internal';

/** A `node:http` request listener; also an Express/Connect middleware (it takes `next`). */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void;

/** Options of {@link toNodeHandler}. */
export interface NodeHandlerOptions {
  /**
   * How long a client has, from its request's headers, to send the whole body. A body still
   * incomplete then is answered 408 (`TIMEOUT`, retryable) and the connection closed, so slow or
   * trickling clients cannot hold sockets and memory open. `false` turns it off. Node's own
   * `headersTimeout` and `requestTimeout` (set them on `createServer`) bound the headers and
   * the whole request. @defaultValue 15000
   */
  bodyTimeoutMs?: number | false;
}

/** The default of {@link NodeHandlerOptions.bodyTimeoutMs}: 15 s from the headers to the body's end. */
export const DEFAULT_BODY_TIMEOUT_MS = 15_000;

const HOST = /^[A-Za-z0-9.\-:[\]]+$/;
const BODYLESS = new Set(['GET', 'HEAD']);

/**
 * Serves a fetch-standard handler from `node:http`, Express or Connect:
 * `createServer(toNodeHandler(handler))`, `app.use(toNodeHandler(handler))`.
 *
 * - The request body is streamed into the `Request` as the handler reads it, never buffered
 *   ahead: a handler that stops reading (413) leaves the rest unread, and the connection is
 *   closed after the answer instead of draining an unbounded body.
 * - When the client goes away before the answer, the `Request`'s `signal` aborts. A handler
 *   from `createEscalationHandler` still finishes a delivery it started and keeps its answer
 *   for the client's retry (the provider may already hold the escalation).
 * - A body still incomplete `bodyTimeoutMs` (15 s) after the headers is answered 408 and its
 *   connection closed: a trickling client cannot hold a socket open. Set Node's own
 *   `headersTimeout` and `requestTimeout` on `createServer` for the headers and the whole request.
 * - The socket's address reaches `clientAddress` through a side channel no header can spoof.
 * - With Express, mount it before any body parser, or with a path: requests outside the
 *   handler's routes go to `next()` untouched.
 */
export function toNodeHandler(handler: (request: Request) => Promise<Response>, options: NodeHandlerOptions = {}): NodeHandler {
  if (typeof handler !== 'function') throw new TypeError('toNodeHandler: a (request: Request) => Promise<Response> handler is required');
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  if (bodyTimeoutMs !== false && (!Number.isSafeInteger(bodyTimeoutMs) || bodyTimeoutMs <= 0)) {
    throw new TypeError(`toNodeHandler: bodyTimeoutMs must be a positive integer or false, got ${String(bodyTimeoutMs)}`);
  }
  const core = relayCores.get(handler);
  if (core) {
    // A handler made by createEscalationHandler: served without a web Request and Response.
    return function nodeEscalationHandler(req, res, next) {
      let exchange: NodeExchange;
      try {
        // The deadline counts from now (the headers); its timer runs only while the body is read.
        exchange = new NodeExchange(req, res, bodyTimeoutMs === false ? Infinity : Date.now() + bodyTimeoutMs);
      } catch {
        writeFailure(res, 400, 'The request could not be read');
        return;
      }
      core(exchange)
        .then((output) => {
          if (next && output.unmatched) next();
          else writeOutput(req, res, output);
        })
        .catch(() => writeFailure(res, 500, 'The escalation relay failed unexpectedly'));
    };
  }
  return function nodeFetchHandler(req, res, next) {
    if (bodyTimeoutMs !== false) armBodyDeadline(req, res, bodyTimeoutMs);
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) controller.abort();
    };
    res.once('close', onClose);
    let request: Request;
    try {
      request = toRequest(req, controller.signal);
    } catch {
      writeFailure(res, 400, 'The request could not be read');
      return;
    }
    handler(request).then(
      (response) => {
        if (next && unmatchedRoutes.has(response)) {
          res.removeListener('close', onClose);
          next();
          return;
        }
        writeResponse(req, res, response);
      },
      () => writeFailure(res, 500, 'The escalation relay failed unexpectedly'),
    );
  };
}

/** Requests whose body deadline passed before the body was complete. */
const lateBodies = new WeakSet<IncomingMessage>();
/** What to do when the deadline passes while a body is being read (fail that read). */
const bodyDeadlines = new WeakMap<IncomingMessage, () => void>();

/**
 * Starts the body deadline of a request that has a body still to come: when it passes with the
 * body incomplete, a read in progress fails with `timeout`, and so does any later read.
 */
function armBodyDeadline(req: IncomingMessage, res: ServerResponse, ms: number): void {
  if (BODYLESS.has(req.method ?? 'GET') || req.complete || parsedBody(req) !== undefined) return;
  const timer = setTimeout(() => {
    clear();
    if (req.complete) return;
    lateBodies.add(req);
    bodyDeadlines.get(req)?.();
  }, ms);
  const clear = () => {
    clearTimeout(timer);
    req.removeListener('end', clear);
    res.removeListener('close', clear);
  };
  req.once('end', clear);
  res.once('close', clear);
}

/** The body as a web stream error for a late body: `readBodyText` maps its name to `timeout`. */
function lateBodyError(): Error {
  const error = new Error('The request body did not arrive in time');
  error.name = 'TimeoutError';
  return error;
}

/** The absolute URL of a node request (the Host header when it looks like one). */
function urlOf(req: IncomingMessage): string {
  const host = req.headers.host;
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  // Express strips its mount path from req.url; originalUrl keeps it.
  const path = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/';
  return `${encrypted ? 'https' : 'http'}://${host && HOST.test(host) ? host : 'localhost'}${path.startsWith('/') ? path : `/${path}`}`;
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.charCodeAt(0) !== 58 /* : */) headers.append(name, raw[i + 1]!);
  }
  return headers;
}

/** A body parser (Express `express.json()`) already read the stream: what it parsed, as text. */
function parsedBody(req: IncomingMessage): string | Uint8Array | undefined {
  const parsed = (req as { body?: unknown }).body;
  if (parsed === undefined || !req.readableEnded) return undefined;
  return typeof parsed === 'string' ? parsed : parsed instanceof Uint8Array ? parsed : JSON.stringify(parsed);
}

/** The fast path's view of a node request: headers read in place, the body read with a limit. */
class NodeExchange implements RelayExchange {
  readonly method: string;
  readonly url: string;
  private web: Request | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    /** When the body must be complete, in ms since the epoch (`Infinity`: no deadline). */
    private readonly bodyDeadline: number,
  ) {
    this.method = req.method ?? 'GET';
    this.url = urlOf(req);
  }

  header(name: string): string | null {
    const value = this.req.headers[name];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  get aborted(): boolean {
    return clientGone(this.res);
  }

  /** Calls `listener` once when the client goes away; returns the function that stops listening. */
  private onAbort(listener: () => void): () => void {
    const res = this.res;
    if (clientGone(res)) {
      listener();
      return noop;
    }
    // 'close' comes once: `on` spares the wrapper `once` makes on every request.
    const onClose = () => {
      if (!res.writableFinished) listener();
    };
    res.on('close', onClose);
    return () => res.removeListener('close', onClose);
  }

  address(): string | undefined {
    return this.req.socket.remoteAddress;
  }

  request(): Request {
    if (!this.web) {
      // For identify, clientAddress and onError: headers, URL, method and an abort signal; the
      // body stays with the relay.
      const controller = new AbortController();
      this.onAbort(() => controller.abort());
      this.web = new Request(this.url, { method: this.method, headers: headersOf(this.req), signal: controller.signal });
      socketAddresses.set(this.web, this.address() ?? '');
    }
    return this.web;
  }

  readBody(maxBytes: number): Promise<string | BodyFailure> {
    return readNodeBody(this.req, maxBytes, this.bodyDeadline);
  }
}

/** The response closed before it was finished: the client went away. Read on demand, no listener. */
function clientGone(res: ServerResponse): boolean {
  return res.closed && !res.writableFinished;
}

function noop(): void {}

/**
 * Reads a node request body as UTF-8, stopping (and pausing the socket) past `maxBytes`, or at
 * `deadline` (ms since the epoch) when the body is not complete by then. The deadline's timer is
 * armed only for a body still incomplete once the socket's pending data has been handled (see
 * {@link armLater}): most bodies arrive with their headers and never need one.
 */
function readNodeBody(req: IncomingMessage, maxBytes: number, deadline: number): Promise<string | BodyFailure> {
  const parsed = parsedBody(req);
  if (parsed !== undefined) {
    const bytes = typeof parsed === 'string' ? new TextEncoder().encode(parsed) : parsed;
    return Promise.resolve(bytes.byteLength > maxBytes ? 'too-large' : decodeUtf8(bytes));
  }
  const declared = Number(req.headers['content-length']);
  if (declared > maxBytes) return Promise.resolve('too-large');
  if (req.readableEnded) return Promise.resolve('');
  if (lateBodies.has(req)) return Promise.resolve('timeout');
  if (deadline !== Infinity && !req.complete && deadline <= Date.now()) {
    lateBodies.add(req);
    req.pause();
    return Promise.resolve('timeout');
  }
  return new Promise((resolve) => {
    const read: BodyRead = { req, maxBytes, size: 0, first: undefined, chunks: undefined, resolve, deadline, timer: undefined, done: false };
    bodyReads.set(req, read);
    if (deadline !== Infinity && !req.complete) armLater(read);
    req.on('data', onBodyData);
    req.on('end', onBodyEnd);
    req.on('error', onBodyFailed);
    req.on('close', onBodyFailed);
  });
}

/** A body being read. The listeners are shared by every request (no closures per call) and find it by `this`. */
interface BodyRead {
  req: IncomingMessage;
  maxBytes: number;
  size: number;
  first: Buffer | undefined;
  chunks: Buffer[] | undefined;
  resolve: (result: string | BodyFailure) => void;
  /** When the body must be complete (ms since the epoch). */
  deadline: number;
  /** The deadline's timer, once armed. */
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Finished (read, refused, failed or late). */
  done: boolean;
}

/** Reads whose deadline timer is still to be armed, at the next `setImmediate`. */
let unarmed: BodyRead[] = [];

/**
 * Arms a read's deadline timer after the socket's pending data is handled (one `setImmediate`
 * for every read begun in this turn of the event loop): a body that came in the same packets as
 * its headers ends before then, and costs no timer. A body still incomplete gets its timer for
 * the time left until its deadline, which counts from the headers either way.
 */
function armLater(read: BodyRead): void {
  if (unarmed.push(read) === 1) setImmediate(armPending);
}

function armPending(): void {
  const reads = unarmed;
  unarmed = [];
  const now = Date.now();
  for (const read of reads) {
    if (!read.done) read.timer = setTimeout(onBodyLate, Math.max(0, read.deadline - now), read);
  }
}

function onBodyLate(read: BodyRead): void {
  const { req } = read;
  if (read.done || req.complete) return;
  lateBodies.add(req);
  req.pause();
  finishBody(req, read, 'timeout');
}

const bodyReads = new WeakMap<IncomingMessage, BodyRead>();

function onBodyData(this: IncomingMessage, chunk: Buffer): void {
  const read = bodyReads.get(this);
  if (read === undefined) return;
  read.size += chunk.length;
  if (read.size > read.maxBytes) {
    // Stop reading here: the answer closes the connection instead of draining the rest.
    this.pause();
    finishBody(this, read, 'too-large');
    return;
  }
  // Most bodies arrive in one chunk: keep it without copying.
  if (read.first === undefined) read.first = chunk;
  else (read.chunks ??= [read.first]).push(chunk);
}

function onBodyEnd(this: IncomingMessage): void {
  const read = bodyReads.get(this);
  if (read) finishBody(this, read, utf8Text(read.chunks ? Buffer.concat(read.chunks, read.size) : read.first));
}

function onBodyFailed(this: IncomingMessage): void {
  const read = bodyReads.get(this);
  if (read) finishBody(this, read, 'unreadable');
}

function finishBody(req: IncomingMessage, read: BodyRead, result: string | BodyFailure): void {
  bodyReads.delete(req);
  read.done = true;
  if (read.timer !== undefined) clearTimeout(read.timer);
  req.removeListener('data', onBodyData);
  req.removeListener('end', onBodyEnd);
  req.removeListener('error', onBodyFailed);
  req.removeListener('close', onBodyFailed);
  read.resolve(result);
}

/** Buffer's decoder is much faster than a fatal TextDecoder; only text with U+FFFD needs the strict check. */
function utf8Text(bytes: Buffer | undefined): string | 'not-utf8' {
  if (bytes === undefined) return '';
  const text = bytes.toString('utf8');
  return text.includes('\uFFFD') ? decodeUtf8(bytes) : text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function writeOutput(req: IncomingMessage, res: ServerResponse, output: RelayOutput): void {
  if (res.destroyed) {
    void output.stream?.cancel();
    return;
  }
  if (output.stream) {
    writeStream(res, output.status, output.headers, output.stream);
    return;
  }
  const body = output.body;
  if (body === null) {
    res.writeHead(output.status, req.complete ? output.headers : { ...output.headers, connection: 'close' });
    res.end();
    return;
  }
  // With its length known, node writes the head and the body in one write instead of chunks.
  const headers: Record<string, string> = { ...output.headers, 'content-length': String(Buffer.byteLength(body)) };
  // The body was not read to its end (too large, refused early): close rather than drain it.
  if (!req.complete) headers.connection = 'close';
  res.writeHead(output.status, headers);
  res.end(body);
}

/**
 * A streamed body (Server-Sent Events): the head at once, then each chunk as it comes; the
 * stream is cancelled when the client leaves, and the answer ends when the stream does.
 */
function writeStream(res: ServerResponse, status: number, headers: Readonly<Record<string, string>>, stream: ReadableStream<Uint8Array>): void {
  res.writeHead(status, headers);
  res.flushHeaders();
  const reader = stream.getReader();
  const onClose = () => {
    if (!res.writableFinished) reader.cancel().catch(noop);
  };
  res.on('close', onClose);
  const pump = (): void => {
    reader.read().then(
      ({ done, value }) => {
        if (done) {
          res.removeListener('close', onClose);
          res.end();
          return;
        }
        if (res.destroyed) return;
        res.write(value);
        pump();
      },
      () => {
        res.removeListener('close', onClose);
        res.destroy();
      },
    );
  };
  pump();
}

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const url = urlOf(req);
  const headers = headersOf(req);
  const method = req.method ?? 'GET';
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal };
  if (!BODYLESS.has(method)) {
    const parsed = parsedBody(req);
    if (parsed !== undefined) {
      // A body parser ran first and consumed the stream: send what it parsed.
      init.body = typeof parsed === 'string' ? parsed : new Uint8Array(parsed);
    } else {
      init.body = bodyStream(req);
      init.duplex = 'half';
    }
  }
  const request = new Request(url, init);
  const address = req.socket.remoteAddress;
  if (address !== undefined) socketAddresses.set(request, address);
  return request;
}

/** The body as a web stream that reads the socket only when the handler asks for more. */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let attached = false;
  let finished = false;
  let onData: (chunk: Buffer) => void = () => undefined;
  let onEnd: () => void = () => undefined;
  let onError: (error: Error) => void = () => undefined;
  const detach = () => {
    req.removeListener('data', onData);
    req.removeListener('end', onEnd);
    req.removeListener('error', onError);
  };
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (finished) return;
        if (lateBodies.has(req)) {
          finished = true;
          detach();
          req.pause();
          controller.error(lateBodyError());
          return;
        }
        if (!attached) {
          attached = true;
          bodyDeadlines.set(req, () => {
            if (finished) return;
            finished = true;
            detach();
            req.pause();
            controller.error(lateBodyError());
          });
          onData = (chunk) => {
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
            if ((controller.desiredSize ?? 0) <= 0) req.pause();
          };
          onEnd = () => {
            finished = true;
            detach();
            bodyDeadlines.delete(req);
            controller.close();
          };
          onError = (error) => {
            finished = true;
            detach();
            controller.error(error);
          };
          req.on('data', onData);
          req.once('end', onEnd);
          req.once('error', onError);
        }
        req.resume();
      },
      cancel() {
        finished = true;
        detach();
        req.pause();
      },
    },
    // Nothing is read ahead of the handler: each read pulls one chunk off the socket.
    { highWaterMark: 0 },
  );
}

function writeResponse(req: IncomingMessage, res: ServerResponse, response: Response): void {
  if (res.destroyed) return;
  res.statusCode = response.status;
  const cookies = typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [];
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  if (cookies.length) res.setHeader('set-cookie', cookies);
  // The body was not read to its end (too large, refused early): close rather than drain it.
  if (!req.complete) res.setHeader('connection', 'close');
  const text = responseTexts.get(response);
  if (text !== undefined || response.body === null || req.method === 'HEAD') {
    res.end(text);
    return;
  }
  void pipeBody(response.body, res);
}

async function pipeBody(body: ReadableStream<Uint8Array>, res: ServerResponse): Promise<void> {
  const reader = body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  res.once('close', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
      if (res.destroyed) return;
    }
    res.end();
  } catch {
    res.destroy();
  } finally {
    res.removeListener('close', stop);
  }
}

function writeFailure(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const code = status === 400 ? 'INVALID_CONTEXT' : 'CONFIGURATION';
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
  res.end(JSON.stringify({ error: { code, message, retryable: false } }));
}
