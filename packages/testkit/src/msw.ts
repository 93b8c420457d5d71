import { setupServer, type SetupServer } from 'msw/node';
import { testRunner } from './runner';

/** A request handler `setupServer` accepts (`http.post(...)`, `graphql.query(...)`, `ws.link(...)`). */
export type ProviderHandler = Parameters<typeof setupServer>[number];

/**
 * An msw server for provider tests that fails closed, with its test lifecycle registered:
 * `listen` before all tests, `resetHandlers` after each, `close` after all. A request that no
 * handler matches errors at the network (as `onUnhandledRequest: 'error'` does) **and** fails
 * the test it happened in, even when the code under test caught the network error (say, by
 * falling back to another option). Call it at the top level of a test file or in a `describe`.
 */
export function setupProviderServer(...handlers: ProviderHandler[]): SetupServer {
  const { beforeAll, afterEach, afterAll } = testRunner();
  const server = setupServer(...handlers);
  const unhandled: string[] = [];
  beforeAll(() => {
    server.listen({
      onUnhandledRequest(request, print) {
        unhandled.push(`${request.method} ${request.url}`);
        print.error();
      },
    });
  });
  afterEach(() => {
    server.resetHandlers();
    if (unhandled.length > 0) {
      const requests = unhandled.splice(0);
      throw new Error(`The test sent ${requests.length} request(s) that no msw handler matched:\n  ${requests.join('\n  ')}\nAdd a handler (server.use(...)) for each.`);
    }
  });
  afterAll(() => {
    server.close();
  });
  return server;
}

/** One request the server saw. */
export interface RecordedRequest {
  /** `GET`, `POST`, ... */
  method: string;
  /** The absolute URL, query included. */
  url: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /**
   * The body: parsed JSON for a JSON content type, an object for a URL-encoded form, the text
   * otherwise, `undefined` when empty.
   */
  body: unknown;
}

/** Records every request an msw server sees, handled or not. */
export interface RequestRecorder {
  /** The requests so far, in order, once their bodies are read. */
  all(): Promise<RecordedRequest[]>;
  /** The last request, or `undefined`. */
  last(): Promise<RecordedRequest | undefined>;
  /** Forgets the requests recorded so far (call it in `beforeEach`). */
  clear(): void;
  /** Stops recording. */
  stop(): void;
}

async function readBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text === '') return undefined;
  const type = request.headers.get('content-type') ?? '';
  if (/[/+]json\b/i.test(type)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  if (/application\/x-www-form-urlencoded/i.test(type)) return Object.fromEntries(new URLSearchParams(text));
  return text;
}

/**
 * Starts recording the requests `server` sees: method, URL, headers and parsed body, for
 * assertions on exactly what an adapter sent (an `Idempotency-Key` header, the ticket JSON).
 *
 * ```ts
 * const server = setupProviderServer(http.post('https://acme.zendesk.com/api/v2/tickets.json', created));
 * const requests = recordRequests(server);
 * beforeEach(() => requests.clear());
 * ...
 * expect((await requests.last())?.headers['idempotency-key']).toBe(key);
 * ```
 */
export function recordRequests(server: SetupServer): RequestRecorder {
  let recorded: Array<Promise<RecordedRequest>> = [];
  const listener = ({ request }: { request: Request }): void => {
    // Read a clone at once: the handler consumes the original.
    const copy = request.clone();
    recorded.push(
      readBody(copy).then((body) => ({
        method: copy.method,
        url: copy.url,
        headers: Object.fromEntries([...copy.headers].map(([name, value]) => [name.toLowerCase(), value])),
        body,
      })),
    );
  };
  server.events.on('request:start', listener);
  return {
    all: () => Promise.all(recorded),
    last: async () => (await Promise.all(recorded)).at(-1),
    clear: () => {
      recorded = [];
    },
    stop: () => {
      server.events.removeListener('request:start', listener);
    },
  };
}
