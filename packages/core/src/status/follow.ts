import { LIFECYCLE_STATES, FINAL_LIFECYCLE_STATES, type LifecycleState, type LifecycleUpdate, type StatusFollowOptions } from './types';

/** Options of {@link followEscalation}. */
export interface FollowEscalationOptions extends StatusFollowOptions {
  /** The escalation's idempotency key (the one the relay got). */
  key: string;
  /** The last event id seen (after a reload): events up to it are not reported again. */
  lastEventId?: string;
  /** Called with every new lifecycle update, in order. */
  onUpdate: (update: LifecycleUpdate) => void;
  /** Called when following stops for good: `final` (solved, closed, canceled), `denied` (401, 403, or 404 five times in a row) or `stopped`. */
  onEnd?: (why: 'final' | 'denied' | 'stopped') => void;
}

/** A running follow: `stop()` ends it; `mode` says how it listens now. */
export interface EscalationFollow {
  /** `sse`, `poll`, or `stopped`. */
  readonly mode: 'sse' | 'poll' | 'stopped';
  /** Stops following (no `onUpdate` after it). */
  stop(): void;
}

/** Consecutive stream errors without an `open` before falling back to polling. */
const SSE_FAILURES_BEFORE_POLLING = 3;
const MAX_POLL_MS = 60_000;
/** Polls answered 404 in a row (the relay keeps no lifecycle for this key) before giving up. */
const MAX_NOT_FOUND = 5;
/** Event ids remembered for de-duplication. */
const SEEN_LIMIT = 200;

/** `<endpoint>/escalations/<key>` (an endpoint already ending in `/escalations` is used as is). */
export function escalationStateUrl(endpoint: string, key: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return `${/\/escalations$/.test(base) ? base : `${base}/escalations`}/${encodeURIComponent(key)}`;
}

/**
 * Reads one lifecycle update from the relay's JSON (an SSE `data:`, or one of the state
 * endpoint's `events`): `{ seq, state, at, text? }` as `@pillar/escalation-server` sends it
 * (also `id` for the event id, `status` or `lifecycle` for the state, `updatedAt` or
 * `occurredAt` for the time, `reply` or `replyText` for the text). `undefined` when it names no
 * known state.
 */
export function parseLifecycle(value: unknown, id?: string): LifecycleUpdate | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const state = [v.state, v.status, v.lifecycle].find((s) => typeof s === 'string' && (LIFECYCLE_STATES as readonly string[]).includes(s)) as LifecycleState | undefined;
  if (!state) return undefined;
  const update: LifecycleUpdate = { state };
  const own = [v.seq, v.id].find((x) => typeof x === 'string' || typeof x === 'number');
  const eventId = id ?? (own === undefined ? undefined : String(own));
  if (eventId) update.id = eventId;
  const at = [v.at, v.updatedAt, v.occurredAt].find((t) => typeof t === 'string');
  if (typeof at === 'string') update.at = at;
  const nested = (v.reply as { text?: unknown } | undefined)?.text;
  const reply = [v.text, v.reply, nested, v.replyText].find((r) => typeof r === 'string') as string | undefined;
  if (reply !== undefined) update.reply = reply;
  return update;
}

/**
 * Follows one escalation's lifecycle on the relay: Server-Sent Events from
 * `<endpoint>/escalations/<key>/events` (the browser reconnects with `Last-Event-ID` when a
 * response ends), and polling `<endpoint>/escalations/<key>` when the stream cannot be used
 * (no `EventSource`, headers needed, a refused or repeatedly failing stream). Stops at
 * `solved`, `closed` or `canceled`, at 401 or 403 (or 404 five times in a row), or at `stop()`.
 * Every event id is reported once. After a reload, `lastEventId` goes in the query
 * (`?lastEventId=`), since a new `EventSource` cannot send the header itself.
 */
export function followEscalation(options: FollowEscalationOptions): EscalationFollow {
  const stateUrl = escalationStateUrl(options.endpoint, options.key);
  const seen: string[] = options.lastEventId ? [options.lastEventId] : [];
  let mode: EscalationFollow['mode'] = 'stopped';
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastState: string | undefined;
  let lastEventId = options.lastEventId;
  let notFound = 0;

  const end = (why: 'final' | 'denied' | 'stopped') => {
    if (mode === 'stopped') return;
    mode = 'stopped';
    source?.close();
    source = undefined;
    if (timer !== undefined) clearTimeout(timer);
    options.onEnd?.(why);
  };

  /** Reports an update once (by event id, else by state and time); ends at a final state. */
  const deliver = (update: LifecycleUpdate) => {
    if (mode === 'stopped') return;
    const identity = update.id ?? `${update.state}@${update.at ?? ''}`;
    if (seen.includes(identity) || (update.id === undefined && lastState === identity)) return;
    seen.push(identity);
    if (seen.length > SEEN_LIMIT) seen.shift();
    lastState = `${update.state}@${update.at ?? ''}`;
    if (update.id) lastEventId = update.id;
    options.onUpdate(update);
    if ((FINAL_LIFECYCLE_STATES as readonly string[]).includes(update.state)) end('final');
  };

  const poll = (delay: number) => {
    mode = 'poll';
    const interval = Math.max(1000, options.pollIntervalMs ?? 10_000);
    timer = setTimeout(async () => {
      if (mode !== 'poll') return;
      let next = interval;
      try {
        const doFetch = options.fetch ?? globalThis.fetch;
        const headers = typeof options.headers === 'function' ? options.headers() : (options.headers ?? {});
        const response = await doFetch(stateUrl, { headers: { accept: 'application/json', ...headers }, credentials: options.credentials ?? 'same-origin', cache: 'no-store' });
        if (response.status === 401 || response.status === 403) return end('denied');
        notFound = response.status === 404 ? notFound + 1 : 0;
        if (notFound >= MAX_NOT_FOUND) return end('denied');
        if (response.ok) {
          const body = (await response.json()) as Record<string, unknown>;
          // A list of events since the start, when the relay sends one; else the current state.
          const events = Array.isArray(body.events) ? body.events : [body];
          for (const event of events) {
            const update = parseLifecycle(event);
            if (update) deliver(update);
          }
        } else if (response.status !== 404) {
          next = Math.min(MAX_POLL_MS, delay * 2);
        }
      } catch {
        next = Math.min(MAX_POLL_MS, delay * 2);
      }
      if (mode === 'poll') poll(next);
    }, delay);
  };

  const stream = (Source: typeof EventSource) => {
    mode = 'sse';
    let failures = 0;
    // A fresh EventSource cannot send Last-Event-ID itself: the resume point goes in the query too.
    const url = `${stateUrl}/events${lastEventId ? `?lastEventId=${encodeURIComponent(lastEventId)}` : ''}`;
    const es = (source = new Source(url, { withCredentials: options.credentials === 'include' }));
    const onMessage = (event: MessageEvent) => {
      let data: unknown;
      try {
        data = JSON.parse(String(event.data));
      } catch {
        return;
      }
      const update = parseLifecycle(data, event.lastEventId || undefined);
      if (update) deliver(update);
    };
    es.addEventListener('message', onMessage);
    for (const name of ['lifecycle', 'state', ...LIFECYCLE_STATES]) es.addEventListener(name, onMessage as EventListener);
    es.addEventListener('open', () => {
      failures = 0;
    });
    es.addEventListener('error', () => {
      if (source !== es || mode !== 'sse') return;
      failures += 1;
      // CLOSED: the server refused the stream (not 200 text/event-stream); else the browser retries.
      if (es.readyState === 2 || failures >= SSE_FAILURES_BEFORE_POLLING) {
        es.close();
        source = undefined;
        poll(0);
      }
    });
  };

  const Source = options.EventSource === undefined ? (globalThis as { EventSource?: typeof EventSource }).EventSource : options.EventSource;
  if (options.transport !== 'poll' && options.headers === undefined && typeof Source === 'function') stream(Source);
  else poll(0);

  return {
    get mode() {
      return mode;
    },
    stop: () => end('stopped'),
  };
}
