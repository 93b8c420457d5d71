import type { LifecycleEntry, LifecycleRecord, LifecycleSnapshot } from './store';

/** What {@link lifecycleStream} needs. */
export interface LifecycleStreamSource {
  /** The first read (entries after `lastEventId`), already made: the route answers 404 without one. */
  first: LifecycleSnapshot;
  /** Reads the entries after a seq (`null`: the lifecycle is gone). */
  read(afterSeq: number): PromiseLike<LifecycleSnapshot | null> | LifecycleSnapshot | null;
  /** Calls `listener` when this instance applies a change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** The JSON of one event's `data:`. */
  format(entry: LifecycleEntry, record: LifecycleRecord): unknown;
  lastEventId: number;
  keepAliveMs: number;
  maxDurationMs: number;
  retryMs: number;
  pollMs: number;
  onError(error: unknown): void;
}

const encoder = new TextEncoder();

/**
 * A Server-Sent Events body: `retry:`, then every entry after `lastEventId` as
 * `id: <seq>` / `event: lifecycle` / `data: <json>`, then each new entry as it is applied (at
 * once from this instance, within `pollMs` from others), a `: keep-alive` comment after
 * `keepAliveMs` of silence, and the end after `maxDurationMs` (the browser reconnects with
 * `Last-Event-ID` and misses nothing). Events are whole before they are written, so the end
 * never cuts one.
 */
export function lifecycleStream(source: LifecycleStreamSource): ReadableStream<Uint8Array> {
  let stopped = false;
  let poke: (() => void) | undefined;
  let unsubscribe: (() => void) | undefined;
  const stop = () => {
    stopped = true;
    poke?.();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const started = Date.now();
      const deadline = started + source.maxDurationMs;
      let last = source.lastEventId;
      let lastWrite = started;
      let woken = false;
      unsubscribe = source.subscribe(() => {
        woken = true;
        poke?.();
      });
      const write = (text: string) => {
        controller.enqueue(encoder.encode(text));
        lastWrite = Date.now();
      };
      const send = (snapshot: LifecycleSnapshot) => {
        let chunk = '';
        for (const entry of snapshot.entries) {
          if (entry.seq <= last) continue;
          chunk += `id: ${entry.seq}\nevent: lifecycle\ndata: ${JSON.stringify(source.format(entry, snapshot.record))}\n\n`;
          last = entry.seq;
        }
        if (chunk) write(chunk);
      };
      const run = async () => {
        write(`retry: ${source.retryMs}\n\n`);
        send(source.first);
        while (!stopped) {
          const now = Date.now();
          if (now >= deadline) break;
          if (now - lastWrite >= source.keepAliveMs) write(': keep-alive\n\n');
          if (!woken) {
            const wait = Math.max(1, Math.min(source.pollMs, source.keepAliveMs - (Date.now() - lastWrite), deadline - Date.now()));
            await new Promise<void>((resolve) => {
              const timer = setTimeout(done, wait);
              function done() {
                clearTimeout(timer);
                poke = undefined;
                resolve();
              }
              poke = done;
            });
          }
          woken = false;
          if (stopped || Date.now() >= deadline) break;
          const snapshot = await source.read(last);
          if (!snapshot) break;
          send(snapshot);
        }
      };
      run().then(
        () => finish(),
        (error: unknown) => {
          if (!stopped) source.onError(error);
          finish();
        },
      );
      function finish() {
        unsubscribe?.();
        if (stopped) return;
        stopped = true;
        try {
          controller.close();
        } catch {
          // Already cancelled.
        }
      }
    },
    cancel() {
      unsubscribe?.();
      stop();
    },
  });
}
