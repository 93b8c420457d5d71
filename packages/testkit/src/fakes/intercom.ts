/**
 * A recording fake of the Intercom Messenger (`window.Intercom`) for jsdom tests.
 *
 * It plays the part of Intercom's widget script: when `@intercom/messenger-js-sdk` inserts its
 * loader `<script>` (id `_intercom_npm_loader`), the fake "loads" on the next microtask, boots
 * with `window.intercomSettings`, replays the calls the SDK queued while loading, and replaces
 * the queue with a recording `window.Intercom`. Nothing is fetched.
 */

/** How the fake widget behaves. */
export type IntercomFakeMode =
  /** Loads, boots, opens the composer prefilled, calls `onShow` listeners. */
  | 'normal'
  /** Never loads (an ad blocker or a CSP): the queue just grows, `onShow` never fires. */
  | 'blocked'
  /** Like `normal`, but the first `showNewMessage` after boot opens an empty composer (Intercom's known quirk). */
  | 'quirk';

/** Where the widget is when the test starts. */
export type IntercomFakeState =
  /** No widget on the page: it loads when the SDK inserts its loader script. */
  | 'absent'
  /** The widget script is loaded but not booted (e.g. after `shutdown`). */
  | 'loaded'
  /** The app already booted the Messenger (with `bootSettings`). */
  | 'booted';

/**
 * How {@link installIntercomFake} sets the page up. To simulate a blocked Messenger, pass
 * `mode: 'blocked'` (with the default `state: 'absent'`): the SDK's loader script is never
 * answered, calls stay queued and `onShow` never fires; add `scriptError: true` to also fire
 * the script's `error` event.
 */
export interface IntercomFakeOptions {
  /**
   * How the widget behaves: `normal`, `blocked` (never loads) or `quirk` (the first
   * `showNewMessage` after boot opens an empty composer). `blocked` only has an effect in the
   * `absent` state.
   * @defaultValue 'normal'
   */
  mode?: IntercomFakeMode;
  /** Where the widget is when the test starts: `absent`, `loaded` (not booted) or `booted` by the app. @defaultValue 'absent' */
  state?: IntercomFakeState;
  /** Settings of the app's own boot when `state` is `'booted'`. @defaultValue `{ app_id: 'app-booted' }` */
  bootSettings?: Record<string, unknown>;
  /** In `blocked` mode, fire the loader script's `error` event, as a blocked request does. @defaultValue false */
  scriptError?: boolean;
}

/** One call the widget received, in the order it handled them (queued calls when replayed). */
export interface IntercomFakeCall {
  /** The first argument of `window.Intercom(method, ...)`: `boot`, `update`, `onShow`, `showNewMessage`, `shutdown`, ... */
  method: string;
  /** The remaining arguments as passed (boot settings, the composer text, a listener). */
  args: unknown[];
}

/**
 * The handle {@link installIntercomFake} returns: every `window.Intercom` call the widget
 * handled, the Messenger's resulting state (booted, open, composer text) and a control to
 * play the user closing it.
 */
export interface IntercomFake {
  /** Every call the widget handled, in order. Function arguments are recorded as they were passed. */
  readonly calls: IntercomFakeCall[];
  /** Method names of `calls`, in order (handy for asserting the sequence). */
  methods(): string[];
  /** Whether the widget script has "loaded". */
  readonly loaded: boolean;
  /** Whether the Messenger is booted: by `boot` (or `window.intercomSettings` at load), or `state: 'booted'`; false again after `shutdown`. */
  readonly booted: boolean;
  /** The settings the Messenger booted with, merged with later `update`s. */
  readonly settings: Record<string, unknown> | undefined;
  /** Whether the Messenger is open. */
  readonly visible: boolean;
  /** The text of the new-message composer, or `undefined` when none was opened. */
  readonly composer: string | undefined;
  /** The `src` of the loader script the SDK inserted, when it did. */
  readonly scriptSrc: string | undefined;
  /** Simulates the user closing the Messenger (calls `onHide` listeners). */
  hide(): void;
  /**
   * Removes the fake and the loader script, and puts `window.Intercom` and
   * `window.intercomSettings` back as they were before {@link installIntercomFake} (removes them
   * when there were none). Calling it twice does nothing more.
   */
  uninstall(): void;
}

type Callback = (...args: unknown[]) => void;
type IntercomFunction = ((method: string, ...args: unknown[]) => unknown) & { booted?: boolean; q?: unknown[] };
/** The globals the widget owns (typed here, not by augmenting `Window`, to stay clear of the SDK's own augmentation). */
type IntercomGlobals = { Intercom?: IntercomFunction; intercomSettings?: Record<string, unknown> };

const LOADER_ID = '_intercom_npm_loader';

/** Installs the fake into `window` (jsdom). Call `uninstall()` after each test. */
export function installIntercomFake(options: IntercomFakeOptions = {}): IntercomFake {
  const { mode = 'normal', state = 'absent', scriptError = false } = options;
  if (typeof window === 'undefined' || typeof document === 'undefined') {
    throw new Error('installIntercomFake needs a DOM (use the jest-fixed-jsdom environment)');
  }
  const win = window as unknown as IntercomGlobals;
  const doc = document;

  // Like installGlobal, uninstall() restores what was there; but the fake does not own these
  // globals from the start (the SDK writes both while booting), so it only remembers them here.
  const restoreIntercom = rememberGlobal(win, 'Intercom');
  const restoreSettings = rememberGlobal(win, 'intercomSettings');

  const calls: IntercomFakeCall[] = [];
  const showListeners: Callback[] = [];
  const hideListeners: Callback[] = [];
  let loaded = false;
  let booted = false;
  let settings: Record<string, unknown> | undefined;
  let visible = false;
  let composer: string | undefined;
  let scriptSrc: string | undefined;
  let showNewMessageSinceBoot = 0;
  let installed = true;

  const notify = (listeners: Callback[]) => {
    // The real widget calls listeners asynchronously, after it has rendered.
    queueMicrotask(() => {
      if (installed) for (const listener of [...listeners]) listener();
    });
  };
  const open = () => {
    if (visible) return;
    visible = true;
    notify(showListeners);
  };

  const api: IntercomFunction = (method: string, ...args: unknown[]) => {
    calls.push({ method, args });
    switch (method) {
      case 'boot':
        booted = true;
        api.booted = true;
        settings = { ...(args[0] as Record<string, unknown> | undefined) };
        showNewMessageSinceBoot = 0;
        return undefined;
      case 'update':
        if (booted) settings = { ...settings, ...(args[0] as Record<string, unknown> | undefined) };
        return undefined;
      case 'shutdown':
        booted = false;
        api.booted = false;
        settings = undefined;
        visible = false;
        composer = undefined;
        return undefined;
      case 'onShow':
        if (typeof args[0] === 'function') showListeners.push(args[0] as Callback);
        return undefined;
      case 'onHide':
        if (typeof args[0] === 'function') hideListeners.push(args[0] as Callback);
        return undefined;
      case 'show':
        if (booted) open();
        return undefined;
      case 'hide':
        if (visible) {
          visible = false;
          notify(hideListeners);
        }
        return undefined;
      case 'showNewMessage': {
        if (!booted) return undefined;
        showNewMessageSinceBoot += 1;
        const quirky = mode === 'quirk' && showNewMessageSinceBoot === 1;
        composer = quirky ? '' : typeof args[0] === 'string' ? args[0] : '';
        open();
        return undefined;
      }
      default:
        // reattach_activator, trackEvent, ...: recorded, no effect.
        return undefined;
    }
  };

  const load = () => {
    if (!installed || loaded) return;
    loaded = true;
    const stub = win.Intercom;
    const queued = Array.isArray(stub?.q) ? stub.q.splice(0) : [];
    win.Intercom = api;
    // The widget boots itself from window.intercomSettings, then runs what was queued.
    if (win.intercomSettings) api('boot', win.intercomSettings);
    for (const entry of queued) {
      const [method, ...args] = Array.from(entry as ArrayLike<unknown>);
      if (typeof method === 'string') api(method, ...args);
    }
  };

  const onLoaderInserted = (script: HTMLScriptElement) => {
    scriptSrc = script.src;
    if (mode === 'blocked') {
      if (scriptError) queueMicrotask(() => script.dispatchEvent(new Event('error')));
      return;
    }
    queueMicrotask(load);
  };

  let observer: MutationObserver | undefined;
  if (state === 'absent') {
    observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of Array.from(record.addedNodes)) {
          if (node instanceof HTMLScriptElement && node.id === LOADER_ID) onLoaderInserted(node);
        }
      }
    });
    observer.observe(doc, { childList: true, subtree: true });
  } else {
    loaded = true;
    win.Intercom = api;
    if (state === 'booted') {
      booted = true;
      api.booted = true;
      settings = { ...(options.bootSettings ?? { app_id: 'app-booted' }) };
    }
  }

  return {
    calls,
    methods: () => calls.map((call) => call.method),
    get loaded() {
      return loaded;
    },
    get booted() {
      return booted;
    },
    get settings() {
      return settings;
    },
    get visible() {
      return visible;
    },
    get composer() {
      return composer;
    },
    get scriptSrc() {
      return scriptSrc;
    },
    hide: () => {
      api('hide');
    },
    uninstall: () => {
      if (!installed) return;
      installed = false;
      observer?.disconnect();
      // The SDK keeps its loader queue in a module-level stub: empty it so the next test starts clean.
      const current = win.Intercom;
      if (current && Array.isArray(current.q)) current.q.length = 0;
      restoreIntercom();
      restoreSettings();
      doc.getElementById(LOADER_ID)?.remove();
    },
  };
}

/** Remembers `target[name]` (its descriptor) and returns a function that puts it back, or removes the property if there was none. */
function rememberGlobal(target: object, name: string): () => void {
  const previous = Object.getOwnPropertyDescriptor(target, name);
  return () => {
    if (previous) Object.defineProperty(target, name, previous);
    else Reflect.deleteProperty(target, name);
  };
}
