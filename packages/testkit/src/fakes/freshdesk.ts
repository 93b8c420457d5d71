import { installGlobal } from './global';

/**
 * A recording fake of the Freshdesk Help Widget (`window.FreshworksWidget`) for jsdom tests.
 *
 * It plays both parts of the real embed: the loader snippet, which defines a stub
 * `FreshworksWidget` that only queues its calls in `FreshworksWidget.q`, and the widget
 * script, which (once loaded) replays that queue, replaces the stub with the real function and
 * renders `#freshworks-container`. Nothing is fetched.
 */

/** Where the widget is when the test starts. */
export type FreshdeskWidgetFakeMode =
  /** The widget script has loaded: `FreshworksWidget` is the real widget. */
  | 'loaded'
  /** The loader stub is in place and the script is still loading: call `load()` (or set `loadAfterMs`). */
  | 'loading'
  /** The loader stub is in place and the script never loads (ad blocker, CSP): calls pile up in `q`. */
  | 'blocked'
  /** No snippet on the page: no `FreshworksWidget` at all until `load()`. */
  | 'absent';

/**
 * How {@link installFreshdeskWidgetFake} sets the page up. To simulate a blocked widget, pass
 * `mode: 'blocked'`: the loader stub stays in place, calls queue in `FreshworksWidget.q` and
 * `#freshworks-container` never appears.
 */
export interface FreshdeskWidgetFakeOptions {
  /** Where the widget is when the test starts; `'blocked'` simulates an ad blocker or CSP. @defaultValue 'loaded' */
  mode?: FreshdeskWidgetFakeMode;
  /** In `loading` or `absent` mode, load by itself after this many ms. @defaultValue never (call `load()`) */
  loadAfterMs?: number;
  /** The real function keeps a `q` array property too (as some widget builds may), to test readiness signals. @defaultValue false */
  keepQueueProperty?: boolean;
  /** Whether the loaded widget renders `#freshworks-container`. @defaultValue true */
  renderContainer?: boolean;
  /** The loaded widget throws when this method is called (a broken widget build). */
  throwOn?: string;
  /** `window.fwSettings.widget_id`. @defaultValue 12000000025 */
  widgetId?: number;
  /** The window to install into. @defaultValue globalThis.window */
  window?: Window;
}

/** One call the widget received: `FreshworksWidget(method, ...args)`. */
export interface FreshdeskWidgetFakeCall {
  /** The first argument: `identify`, `prefill`, `open`, `hide`, `close`, ... */
  method: string;
  /** The remaining arguments as passed (not copied): usually the widget (`'ticketForm'`), then its data and options. */
  args: unknown[];
}

/**
 * The handle {@link installFreshdeskWidgetFake} returns: the calls the widget handled or still
 * queues, the ticket form's resulting state, and controls to play the script loading or the user
 * closing the widget.
 */
export interface FreshdeskWidgetFake {
  /** Calls the loaded widget handled, in order (calls queued before loading come first, replayed). */
  readonly calls: FreshdeskWidgetFakeCall[];
  /** Calls sitting in the loader stub's queue (never handled while `blocked`). */
  readonly queued: FreshdeskWidgetFakeCall[];
  /** Method names of `calls`, in order. */
  methods(): string[];
  /** Whether the widget script has loaded and replaced the loader stub. Never true in `blocked` mode. */
  readonly loaded: boolean;
  /** What `identify` set for the ticket form. */
  readonly identity: Record<string, unknown> | undefined;
  /** The ticket form's prefilled values (merged over successive `prefill` calls) and its form id. */
  readonly prefill:
    | {
        /** The prefilled ticket fields (`subject`, `description`, `custom_fields`, ...), merged over successive calls. */
        fields: Record<string, unknown>;
        /** The `formId` of the last `prefill` call (its third argument, `{ formId }`); absent when that call passed none. */
        formId?: unknown;
      }
    | undefined;
  /** Ticket form fields hidden with `hide`. */
  readonly hiddenFields: string[];
  /** Whether the ticket form is open. */
  readonly open: boolean;
  /**
   * Plays the widget script arriving now (from `loading` or `absent`): replays the queue and
   * renders the container. Throws in `blocked` mode, where the script never arrives.
   */
  load(): void;
  /**
   * Closes the widget as `FreshworksWidget('close')` does: records a `close` call in `calls` (so a
   * test can assert it) and `open` becomes false. Fires nothing: the Help Widget offers no events
   * to listen to. Does nothing before the widget has loaded (there is nothing to close yet).
   */
  close(): void;
  /** Restores `FreshworksWidget` and `fwSettings` as they were, removes the container and any pending load timer. */
  uninstall(): void;
}

/** The `widget_id` the fake puts in `window.fwSettings` when the test gives no `widgetId` and the page set none. */
export const FRESHDESK_FAKE_WIDGET_ID = 12000000025;

type WidgetFunction = ((method: string, ...args: unknown[]) => unknown) & { q?: unknown[] };
type FreshdeskWindow = Window & { FreshworksWidget?: WidgetFunction; fwSettings?: Record<string, unknown> };

/** Installs the fake into `window` (jsdom). Call `uninstall()` after each test. */
export function installFreshdeskWidgetFake(options: FreshdeskWidgetFakeOptions = {}): FreshdeskWidgetFake {
  const { mode = 'loaded', keepQueueProperty = false, renderContainer = true, throwOn } = options;
  const win = (options.window ?? globalThis.window) as FreshdeskWindow | undefined;
  if (!win?.document) throw new Error('installFreshdeskWidgetFake needs a DOM window (use the jest-fixed-jsdom environment)');
  const doc = win.document;

  const calls: FreshdeskWidgetFakeCall[] = [];
  let loaded = false;
  let identity: Record<string, unknown> | undefined;
  let prefill: { fields: Record<string, unknown>; formId?: unknown } | undefined;
  let hiddenFields: string[] = [];
  let open = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stub: WidgetFunction | undefined;
  const restores = new Map<string, () => void>();
  // The first write of each global goes through installGlobal, so uninstall() restores what was there.
  const setGlobal = (name: 'FreshworksWidget' | 'fwSettings', value: unknown) => {
    if (restores.has(name)) (win as unknown as Record<string, unknown>)[name] = value;
    else restores.set(name, installGlobal(name, value, win));
  };

  const handle = (method: string, args: unknown[]): unknown => {
    calls.push({ method, args });
    if (method === throwOn) throw new Error(`FreshworksWidget('${method}') failed`);
    const [widget, data, extra] = args;
    switch (method) {
      case 'identify':
        if (widget === 'ticketForm') identity = { ...(data as Record<string, unknown>) };
        break;
      case 'prefill':
        if (widget === 'ticketForm') {
          const formId = (extra as { formId?: unknown } | undefined)?.formId;
          prefill = { fields: { ...prefill?.fields, ...(data as Record<string, unknown>) }, ...(formId === undefined ? {} : { formId }) };
        }
        break;
      case 'hide':
        if (widget === 'ticketForm' && Array.isArray(data)) hiddenFields = [...new Set([...hiddenFields, ...(data as string[])])];
        else if (widget === undefined) open = false;
        break;
      case 'open':
        if (widget === 'ticketForm') open = true;
        break;
      case 'close':
        open = false;
        break;
    }
    return undefined;
  };

  const real: WidgetFunction = (method: string, ...args: unknown[]) => handle(method, args);
  if (keepQueueProperty) real.q = [];

  const installStub = () => {
    // The loader snippet: defines a queueing stub unless a widget is already there.
    if (typeof win.FreshworksWidget === 'function') return;
    const queue: WidgetFunction = function (...args: unknown[]) {
      queue.q?.push(args);
    } as WidgetFunction;
    queue.q = [];
    stub = queue;
    setGlobal('FreshworksWidget', queue);
  };

  const load = () => {
    if (loaded) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (win.fwSettings === undefined) setGlobal('fwSettings', { widget_id: options.widgetId ?? FRESHDESK_FAKE_WIDGET_ID });
    const pending = (stub?.q ?? []) as unknown[][];
    if (stub) stub.q = [];
    loaded = true;
    setGlobal('FreshworksWidget', real);
    for (const args of pending) {
      try {
        handle(String(args[0]), args.slice(1));
      } catch {
        // The real widget swallows errors of queued calls.
      }
    }
    if (renderContainer && !doc.getElementById('freshworks-container')) {
      const container = doc.createElement('div');
      container.id = 'freshworks-container';
      doc.body.appendChild(container);
    }
  };

  if (mode === 'loaded') {
    installStub();
    load();
  } else {
    if (mode !== 'absent') installStub();
    if (mode !== 'blocked' && options.loadAfterMs !== undefined) {
      timer = setTimeout(() => {
        if (mode === 'absent') installStub();
        load();
      }, options.loadAfterMs);
    }
  }

  return {
    calls,
    get queued() {
      const q = stub?.q;
      return Array.isArray(q) ? (q as unknown[][]).map((args) => ({ method: String(args[0]), args: args.slice(1) })) : [];
    },
    methods: () => calls.map((call) => call.method),
    get loaded() {
      return loaded;
    },
    get identity() {
      return identity;
    },
    get prefill() {
      return prefill;
    },
    get hiddenFields() {
      return [...hiddenFields];
    },
    get open() {
      return open;
    },
    load() {
      if (mode === 'blocked') throw new Error('The fake widget is blocked: it never loads');
      installStub();
      load();
    },
    close() {
      if (loaded) handle('close', []);
    },
    uninstall() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      for (const restore of [...restores.values()].reverse()) restore();
      restores.clear();
      doc.getElementById('freshworks-container')?.remove();
    },
  };
}
