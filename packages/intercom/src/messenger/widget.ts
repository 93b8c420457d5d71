// Named imports: in native ESM the SDK's default import is its exports object. The SDK runs
// nothing at import time, so this module is safe to import during server rendering.
import { Intercom, boot as bootMessenger, onShow, showNewMessage, update } from '@intercom/messenger-js-sdk';
import { EscalationError, sleep, throwIfAborted, toEscalationError } from '@pillar/escalation-core';
import type { IntercomMessengerPayload } from './messenger';
import { MESSENGER_API_BASE } from './region';

/** The id `@intercom/messenger-js-sdk` gives the widget's loader `<script>`. */
const SDK_LOADER_ID = '_intercom_npm_loader';

type IntercomFunction = ((method: string, ...args: unknown[]) => unknown) & { booted?: unknown; q?: unknown };
type IntercomWindow = Window & { Intercom?: unknown; intercomSettings?: unknown };

/**
 * Where the Messenger is on this page:
 * - `booted`: Intercom's widget sets `window.Intercom.booted` once it has booted;
 * - `loading`: a loader stub (it queues calls in `window.Intercom.q`) waits for the widget script;
 * - `loaded`: the widget script runs but nobody booted it (or the app called `shutdown`);
 * - `absent`: no Intercom on the page yet.
 */
export type MessengerState = 'booted' | 'loading' | 'loaded' | 'absent';

export function messengerState(win: IntercomWindow): MessengerState {
  const intercom = win.Intercom as IntercomFunction | undefined;
  if (typeof intercom !== 'function') return 'absent';
  if (intercom.booted === true) return 'booted';
  return Array.isArray(intercom.q) ? 'loading' : 'loaded';
}

export interface OpenMessengerOptions {
  widgetTimeoutMs: number;
  resendDelayMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * Boots the Messenger when needed, sets the attributes and opens the composer prefilled.
 *
 * Already booted (by the app): `update` then `showNewMessage`, nothing else: the page's own boot
 * (and its identity) is left alone, and a booted widget is evidently not blocked.
 *
 * Not booted: boot, register `onShow`, `update`, `showNewMessage`, then wait (bounded by
 * `widgetTimeoutMs`) for `onShow`, which proves the widget loaded and opened. A blocked widget
 * never calls it (a blocked loader script also fires `error`, which fails at once); on failure
 * our calls are taken back off the loader's queue, so a widget that loads late does not open
 * the Messenger after the fallback took over. Once open,
 * `showNewMessage` runs a second time after `resendDelayMs`: the first call right after boot
 * can open an empty composer, and a repeat with the same text is harmless.
 */
export async function openMessenger(payload: IntercomMessengerPayload, options: OpenMessengerOptions): Promise<void> {
  const { signal } = options;
  // The SDK's own SSR guard is broken (it reads `window` where there is none): check first.
  if (typeof window === 'undefined' || typeof document === 'undefined') {
    throw new EscalationError('PROVIDER_UNAVAILABLE', 'The Intercom Messenger needs a browser: window is not defined here', {
      retryable: false,
    });
  }
  throwIfAborted(signal);

  const win = window as IntercomWindow;
  const state = messengerState(win);
  try {
    if (state === 'booted') {
      update(payload.update);
      showNewMessage(payload.message);
      return;
    }
    boot(win, state, payload.boot);
  } catch (error) {
    throw toEscalationError(error, 'PROVIDER_UNAVAILABLE', 'The Intercom Messenger failed');
  }

  // While the widget script loads, calls queue on the loader stub: note ours, to withdraw them.
  const queue = loaderQueue(win);
  const queuedBefore = queue?.length ?? 0;
  const shown = waitForShow(options);
  try {
    update(payload.update);
    showNewMessage(payload.message);
  } catch (error) {
    shown.cancel();
    throw toEscalationError(error, 'PROVIDER_UNAVAILABLE', 'The Intercom Messenger failed');
  }
  const ours = queue ? queue.slice(queuedBefore) : [];
  try {
    await shown.promise;
  } catch (error) {
    // The fallback takes over now: a widget that loads late must not open the Messenger too.
    withdraw(queue, ours);
    throw error;
  }
  await sleep(options.resendDelayMs, signal);
  try {
    showNewMessage(payload.message);
  } catch (error) {
    throw toEscalationError(error, 'PROVIDER_UNAVAILABLE', 'The Intercom Messenger failed');
  }
}

/** The loader stub's queue (`window.Intercom.q`), when the widget script has not loaded yet. */
function loaderQueue(win: IntercomWindow): unknown[] | undefined {
  const intercom = win.Intercom as IntercomFunction | undefined;
  return typeof intercom === 'function' && Array.isArray(intercom.q) ? intercom.q : undefined;
}

function withdraw(queue: unknown[] | undefined, entries: unknown[]): void {
  if (!queue) return;
  for (const entry of entries) {
    const index = queue.indexOf(entry);
    if (index >= 0) queue.splice(index, 1);
  }
}

function boot(
  win: IntercomWindow,
  state: Exclude<MessengerState, 'booted'>,
  settings: IntercomMessengerPayload['boot'],
): void {
  if (state === 'loaded') {
    // The widget is there but not booted: the SDK's initialiser would only `update` it.
    const { region = 'us', ...rest } = settings;
    bootMessenger({ ...rest, api_base: MESSENGER_API_BASE[region] });
    return;
  }
  // A stub that already has settings belongs to a boot the page started: let it finish.
  if (state === 'loading' && win.intercomSettings !== undefined) return;
  // The SDK inserts its loader before the first <script>, and fails (unhandled, in a promise)
  // when the page has none, e.g. a page whose scripts were all removed after running.
  if (document.readyState !== 'loading' && document.getElementsByTagName('script').length === 0) {
    document.head.appendChild(document.createElement('script'));
  }
  Intercom(settings);
}

interface PendingShow {
  promise: Promise<void>;
  cancel(): void;
}

/** Resolves on the Messenger's `onShow`; rejects on timeout, loader error or abort. Cleans up after itself. */
function waitForShow(options: OpenMessengerOptions): PendingShow {
  const { widgetTimeoutMs, signal } = options;
  let settled = false;
  let cleanup = () => {};
  const promise = new Promise<void>((resolve, reject) => {
    const script = document.getElementById(SDK_LOADER_ID);
    const finish = (error?: EscalationError) => {
      if (settled) return;
      settled = true;
      cleanup();
      if (error) reject(error);
      else resolve();
    };
    const onTimeout = () =>
      finish(
        new EscalationError(
          'PROVIDER_UNAVAILABLE',
          `The Intercom Messenger did not open within ${widgetTimeoutMs} ms: it is probably blocked (ad blocker, privacy extension, Content-Security-Policy) or the app id is wrong`,
          { details: { widgetTimeoutMs } },
        ),
      );
    const onScriptError = () =>
      finish(
        new EscalationError('PROVIDER_UNAVAILABLE', 'The Intercom Messenger script failed to load: it is probably blocked', {
          details: { scriptError: true },
        }),
      );
    const onAbort = () => finish(abortError(signal));
    const timer = setTimeout(onTimeout, widgetTimeoutMs);
    script?.addEventListener('error', onScriptError);
    signal?.addEventListener('abort', onAbort);
    cleanup = () => {
      clearTimeout(timer);
      script?.removeEventListener('error', onScriptError);
      signal?.removeEventListener('abort', onAbort);
    };
    // Intercom has no way to remove a listener: this one does nothing once settled.
    onShow(() => finish());
    if (signal?.aborted) onAbort();
  });
  return {
    promise,
    cancel: () => {
      settled = true;
      cleanup();
    },
  };
}

function abortError(signal?: AbortSignal): EscalationError {
  return new EscalationError('ABORTED', 'The Intercom escalation was aborted', { cause: signal?.reason });
}
