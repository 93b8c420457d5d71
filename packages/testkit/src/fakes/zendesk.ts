import { installGlobal } from './global';

/**
 * A recording fake of Zendesk's `zE` global for jsdom tests, for both widgets: Messaging
 * (`zE('messenger', ...)`, `messenger:set`, `messenger:on`) and the Classic Web Widget
 * (`zE('webWidget', ...)`, `webWidget:on`).
 *
 * It plays the parts of the real embed: `snippet.js` defines `zE`, which queues calls until the
 * widget itself has loaded and then replays them. `blocked` is the common failure (the widget's
 * frame or assets are blocked): `zE` exists but nothing ever opens. Nothing is fetched.
 */

/** Which widget the fake plays. */
export type ZendeskWidgetFakeProduct = 'messenger' | 'webWidget';

/** Where the widget is when the test starts. */
export type ZendeskWidgetFakeMode =
  /** The widget has loaded: calls are handled at once. */
  | 'loaded'
  /** `zE` exists and queues calls; the widget loads on `load()` (or after `loadAfterMs`) and replays them. */
  | 'loading'
  /** `zE` exists and queues calls, but the widget never loads (ad blocker, CSP): nothing opens. */
  | 'blocked'
  /** No snippet on the page: no `zE` until `load()` (or `loadAfterMs`). */
  | 'absent';

/**
 * How {@link installZendeskWidgetFake} sets the page up. To simulate a blocked widget, pass
 * `mode: 'blocked'` (nothing opens and `zE` only queues) or, for a widget that loads but whose
 * frame never shows, `neverOpens: true`.
 */
export interface ZendeskWidgetFakeOptions {
  /**
   * Which widget's API the fake answers: `messenger` (Messaging) or `webWidget` (Classic). Commands
   * for the other widget are recorded but ignored, as the real widgets do.
   * @defaultValue 'messenger'
   */
  product?: ZendeskWidgetFakeProduct;
  /** Where the widget is when the test starts; `'blocked'` simulates an ad blocker or CSP. @defaultValue 'loaded' */
  mode?: ZendeskWidgetFakeMode;
  /** In `loading` or `absent` mode, load by itself after this many ms. @defaultValue never (call `load()`) */
  loadAfterMs?: number;
  /** Delay between `open` and the `open` event (the real widget renders its frame first). @defaultValue 0 */
  openDelayMs?: number;
  /** The loaded widget accepts `open` but never shows (its frame is blocked): no `open` event. @defaultValue false */
  neverOpens?: boolean;
  /** The widget is already open: `open` changes nothing and sends no event, as the real one. @defaultValue false */
  startOpen?: boolean;
  /** `messenger:on` returns an unsubscribe function, as current Messaging builds do. @defaultValue true */
  returnsUnsubscribe?: boolean;
  /** The loaded widget throws on this command, written `'<command> <name>'` (e.g. `'messenger open'`). */
  throwOn?: string;
  /** The window to install into. @defaultValue globalThis.window */
  window?: Window;
}

/** One call `zE` received: `zE(command, ...args)`. */
export interface ZendeskWidgetFakeCall {
  /** `messenger`, `messenger:set`, `messenger:on`, `webWidget`, `webWidget:on`, ... */
  command: string;
  /** The remaining arguments as passed (not copied): the name (`'open'`, `'conversationFields'`, an event), then its value or listener. */
  args: unknown[];
}

type Listener = (...args: unknown[]) => void;

/**
 * The handle {@link installZendeskWidgetFake} returns: what the code under test did to `zE`,
 * the widget's resulting state, and controls to play the widget loading, the user closing it,
 * or a stray `open` event.
 */
export interface ZendeskWidgetFake {
  /** Calls the loaded widget handled, in order (calls queued before loading come first, replayed). */
  readonly calls: ZendeskWidgetFakeCall[];
  /** Calls waiting in `zE`'s queue (never handled while `blocked`). */
  readonly queued: ZendeskWidgetFakeCall[];
  /** `calls` as `'<command> <first argument>'` strings, e.g. `'messenger:set conversationFields'`. */
  commands(): string[];
  /** Whether the widget itself has loaded (and so handles calls instead of queueing them). Never true in `blocked` mode. */
  readonly loaded: boolean;
  /** Whether the widget is open. */
  readonly open: boolean;
  /** Messaging: the conversation fields set so far (merged by id). */
  readonly conversationFields: {
    /** The ticket field's id, as passed to `messenger:set`. */
    id: string | number;
    /** The value set for it (the last one wins). */
    value: unknown;
  }[];
  /** Messaging: the last conversation tags set. */
  readonly conversationTags: string[];
  /** Classic: what `identify` received last. */
  readonly identity: Record<string, unknown> | undefined;
  /** Classic: the prefilled values (merged over successive `prefill` calls). */
  readonly prefill: Record<string, unknown> | undefined;
  /** Classic: the settings (deep-merged over successive `updateSettings` calls). */
  readonly settings: Record<string, unknown>;
  /** Listeners still subscribed to an event (`open`, `close`, ...). */
  listenerCount(event: string): number;
  /**
   * Plays the widget arriving now (from `loading` or `absent`): defines `zE` if needed and
   * replays the queue. Throws in `blocked` mode, where the widget never arrives.
   */
  load(): void;
  /** Simulates the user closing the widget (fires `close` listeners). */
  close(): void;
  /** Fires the `open` listeners now, whatever the state (a late or stray event). */
  emitOpen(): void;
  /** Puts back the `zE` that was there before the fake defined its own (removes it when there was none) and clears every pending timer. */
  uninstall(): void;
}

type ZendeskFunction = (command: string, ...args: unknown[]) => unknown;
type ZendeskWindow = Window & { zE?: ZendeskFunction };

/** Installs the fake `zE` into `window` (jsdom). Call `uninstall()` after each test. */
export function installZendeskWidgetFake(options: ZendeskWidgetFakeOptions = {}): ZendeskWidgetFake {
  const { product = 'messenger', mode = 'loaded', openDelayMs = 0, neverOpens = false, returnsUnsubscribe = true, throwOn } = options;
  const win = (options.window ?? globalThis.window) as ZendeskWindow | undefined;
  if (!win) throw new Error('installZendeskWidgetFake needs a window (use the jest-fixed-jsdom environment)');

  const calls: ZendeskWidgetFakeCall[] = [];
  const queue: ZendeskWidgetFakeCall[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let loaded = false;
  let open = options.startOpen ?? false;
  let conversationFields: { id: string | number; value: unknown }[] = [];
  let conversationTags: string[] = [];
  let identity: Record<string, unknown> | undefined;
  let prefill: Record<string, unknown> | undefined;
  let settings: Record<string, unknown> = {};
  let restoreZE: (() => void) | undefined;

  const later = (fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const emit = (event: string) => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener({ type: event });
  };
  const subscribe = (event: string, listener: Listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    return () => {
      set.delete(listener);
    };
  };
  const show = () => {
    if (open || neverOpens) return;
    open = true;
    later(() => emit('open'), openDelayMs);
  };
  const hide = () => {
    if (!open) return;
    open = false;
    emit('close');
  };

  const handle = (command: string, args: unknown[]): unknown => {
    calls.push({ command, args });
    const [name, value] = args;
    if (throwOn === `${command} ${String(name)}`) throw new Error(`zE('${command}', '${String(name)}') failed`);
    // Each widget answers only its own API; the other's commands are ignored, as the real ones do.
    if (!command.startsWith(product)) return undefined;
    switch (command) {
      case 'messenger':
      case 'webWidget':
        if (name === 'open' || name === 'show') show();
        else if (name === 'close' || name === 'hide') hide();
        else if (name === 'identify' && isRecord(value)) identity = { ...value };
        else if (name === 'prefill' && isRecord(value)) prefill = { ...prefill, ...value };
        else if (name === 'updateSettings' && isRecord(value)) settings = deepMerge(settings, value);
        return undefined;
      case 'messenger:set':
        if (name === 'conversationFields' && Array.isArray(value)) {
          const byId = new Map(conversationFields.map((f) => [String(f.id), f]));
          for (const field of value as { id: string | number; value: unknown }[]) byId.set(String(field.id), { ...field });
          conversationFields = [...byId.values()];
        } else if (name === 'conversationTags' && Array.isArray(value)) {
          conversationTags = [...(value as string[])];
        }
        return undefined;
      case 'messenger:on':
      case 'webWidget:on': {
        if (typeof value !== 'function') return undefined;
        const off = subscribe(String(name), value as Listener);
        return command === 'messenger:on' && returnsUnsubscribe ? off : undefined;
      }
      default:
        return undefined;
    }
  };

  const zE: ZendeskFunction = (command, ...args) => {
    if (loaded) return handle(command, args);
    queue.push({ command, args });
    return undefined;
  };

  const install = () => {
    // Through installGlobal, so uninstall() puts back whatever zE the page had.
    restoreZE ??= installGlobal('zE', zE, win);
  };
  const load = () => {
    if (loaded) return;
    install();
    loaded = true;
    for (const call of queue.splice(0)) {
      try {
        handle(call.command, call.args);
      } catch {
        // The real widget swallows errors of queued calls.
      }
    }
  };

  if (mode === 'loaded') load();
  else {
    if (mode !== 'absent') install();
    if (mode !== 'blocked' && options.loadAfterMs !== undefined) later(load, options.loadAfterMs);
  }

  return {
    calls,
    get queued() {
      return [...queue];
    },
    commands: () => calls.map((call) => (call.args.length && typeof call.args[0] === 'string' ? `${call.command} ${call.args[0]}` : call.command)),
    get loaded() {
      return loaded;
    },
    get open() {
      return open;
    },
    get conversationFields() {
      return conversationFields.map((f) => ({ ...f }));
    },
    get conversationTags() {
      return [...conversationTags];
    },
    get identity() {
      return identity;
    },
    get prefill() {
      return prefill;
    },
    get settings() {
      return settings;
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
    load() {
      if (mode === 'blocked') throw new Error('The fake Zendesk widget is blocked: it never loads');
      load();
    },
    close: hide,
    emitOpen: () => emit('open'),
    uninstall() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      listeners.clear();
      restoreZE?.();
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] = isRecord(current) && isRecord(value) ? deepMerge(current, value) : value;
  }
  return out;
}
