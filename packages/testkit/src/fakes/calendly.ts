/**
 * A recording fake of Calendly's embed API (`window.Calendly`, defined by
 * `assets.calendly.com/assets/external/widget.js`) for jsdom tests, and a stand-in for the
 * network that serves that script. Nothing is fetched.
 */

/** The embed functions the fake records. */
export type CalendlyFakeMethod = 'initPopupWidget' | 'initInlineWidget' | 'showPopupWidget' | 'closePopupWidget' | 'initBadgeWidget' | 'destroyBadgeWidget';

/** One call the fake received, with its options as passed (not copied: elements stay elements). */
export interface CalendlyFakeCall {
  /** The `Calendly.*` function that was called. */
  method: CalendlyFakeMethod;
  /** Its single argument: `{ url, prefill?, utm? }` (plus `parentElement` for inline), the URL for `showPopupWidget`, or `undefined`. */
  options: unknown;
}

/**
 * How {@link installCalendlyFake} (and {@link serveCalendlyScript}) set the fake up. To simulate
 * a blocked or failing embed script, use {@link serveCalendlyScript} with an `'error'`,
 * `'load-without-global'` or `'never'` outcome instead of installing the fake directly.
 */
export interface CalendlyFakeOptions {
  /** The call to this method throws, as a broken widget build would. */
  throwOn?: CalendlyFakeMethod;
  /** The window to install into. @defaultValue globalThis.window */
  window?: Window;
}

/**
 * The handle {@link installCalendlyFake} returns: every `Calendly.*` call, the options of the last
 * popup or inline widget, and whether the popup shows.
 */
export interface CalendlyFake {
  /** Calls received, in order. */
  readonly calls: CalendlyFakeCall[];
  /** Method names of `calls`, in order. */
  methods(): CalendlyFakeMethod[];
  /** The options of the last `initPopupWidget` call (not `showPopupWidget`), or `undefined` when there was none. */
  lastPopup():
    | {
        /** The scheduling page URL as passed, query parameters included. */
        url: string;
        /** Calendly's `prefill` (`name`, `email`, `customAnswers: { a1 ... a10 }`, ...), as passed. */
        prefill?: Record<string, unknown>;
        /** Calendly's `utm` (`utmCampaign`, `utmSource`, ...), as passed. */
        utm?: Record<string, unknown>;
      }
    | undefined;
  /** The options of the last `initInlineWidget` call, or `undefined` when there was none. */
  lastInline():
    | {
        /** The scheduling page URL as passed, query parameters included. */
        url: string;
        /** The element the widget was rendered into (the fake appends a `.calendly-inline-widget` iframe to it). */
        parentElement: HTMLElement;
        /** Calendly's `prefill` (`name`, `email`, `customAnswers: { a1 ... a10 }`, ...), as passed. */
        prefill?: Record<string, unknown>;
        /** Calendly's `utm` (`utmCampaign`, `utmSource`, ...), as passed. */
        utm?: Record<string, unknown>;
      }
    | undefined;
  /** Whether the popup is showing (opened and not closed). */
  readonly popupOpen: boolean;
  /** Removes `window.Calendly` and anything the fake rendered. */
  uninstall(): void;
}

import { installGlobal } from './global';

type DomWindow = Window & typeof globalThis;

/**
 * Installs `window.Calendly` as if the embed script had loaded. Inline calls render a
 * `.calendly-inline-widget` iframe placeholder into the parent element; popup calls render a
 * `.calendly-overlay`, as the real widget does. Call `uninstall()` after each test.
 */
export function installCalendlyFake(options: CalendlyFakeOptions = {}): CalendlyFake {
  const win = (options.window ?? globalThis.window) as DomWindow | undefined;
  if (!win?.document) throw new Error('installCalendlyFake needs a DOM window (use the jest-fixed-jsdom environment)');
  const doc = win.document;
  const calls: CalendlyFakeCall[] = [];
  const rendered: Element[] = [];
  let popupOpen = false;

  const record = (method: CalendlyFakeMethod) => (callOptions?: unknown) => {
    calls.push({ method, options: callOptions });
    if (method === options.throwOn) throw new Error(`Calendly.${method} failed`);
    switch (method) {
      case 'initPopupWidget':
      case 'showPopupWidget': {
        const url = method === 'showPopupWidget' ? callOptions : (callOptions as { url?: unknown } | undefined)?.url;
        if (typeof url !== 'string') throw new TypeError(`Calendly.${method} needs a url`);
        const overlay = doc.createElement('div');
        overlay.className = 'calendly-overlay';
        overlay.setAttribute('data-url', url);
        doc.body.appendChild(overlay);
        rendered.push(overlay);
        popupOpen = true;
        break;
      }
      case 'closePopupWidget':
        doc.querySelectorAll('.calendly-overlay').forEach((el) => el.remove());
        popupOpen = false;
        break;
      case 'initInlineWidget': {
        const { url, parentElement } = (callOptions ?? {}) as { url?: unknown; parentElement?: unknown };
        if (typeof url !== 'string') throw new TypeError('Calendly.initInlineWidget needs a url');
        if (!(parentElement instanceof win.HTMLElement)) throw new TypeError('Calendly.initInlineWidget needs a parentElement');
        const frame = doc.createElement('iframe');
        frame.className = 'calendly-inline-widget';
        frame.setAttribute('data-url', url);
        parentElement.appendChild(frame);
        rendered.push(frame);
        break;
      }
      default:
        break;
    }
  };

  const restore = installGlobal('Calendly', {
    initPopupWidget: record('initPopupWidget'),
    initInlineWidget: record('initInlineWidget'),
    showPopupWidget: record('showPopupWidget'),
    closePopupWidget: record('closePopupWidget'),
    initBadgeWidget: record('initBadgeWidget'),
    destroyBadgeWidget: record('destroyBadgeWidget'),
  }, win);

  const last = (method: CalendlyFakeMethod) => [...calls].reverse().find((c) => c.method === method)?.options;
  return {
    calls,
    methods: () => calls.map((c) => c.method),
    lastPopup: () => last('initPopupWidget') as ReturnType<CalendlyFake['lastPopup']>,
    lastInline: () => last('initInlineWidget') as ReturnType<CalendlyFake['lastInline']>,
    get popupOpen() {
      return popupOpen;
    },
    uninstall() {
      restore();
      rendered.forEach((el) => el.remove());
    },
  };
}

/** What happens to a `widget.js` script element the code under test adds. */
export type CalendlyScriptOutcome =
  /** It loads and defines `window.Calendly` (the fake). */
  | 'load'
  /** It fails (blocked by an ad blocker or a CSP, offline): an `error` event. */
  | 'error'
  /** It "loads" but defines nothing (a blocker served an empty stub). */
  | 'load-without-global'
  /** Nothing ever happens: neither `load` nor `error` (a hung request). */
  | 'never';

/**
 * The handle {@link serveCalendlyScript} returns: the `widget.js` scripts it answered and, after
 * a `load`, the fake it installed. Call `stop()` after each test.
 */
export interface CalendlyScriptServer {
  /** The `widget.js` script elements added since `serveCalendlyScript` started. */
  readonly scripts: HTMLScriptElement[];
  /**
   * The fake installed by a `load` outcome, once it happened. There is one fake however many
   * `widget.js` scripts load: later ones fire `load` and share it.
   */
  readonly fake: CalendlyFake | undefined;
  /**
   * Stops watching, drops the answers still pending, and uninstalls the fake (restoring
   * `window.Calendly` as it was before the first script loaded).
   */
  stop(): void;
}

/**
 * Watches the document for a `<script src=".../widget.js">` and answers it with `outcome`,
 * asynchronously as a network would (`load` installs the fake first). jsdom itself fetches
 * nothing, so without this such a script would never fire an event.
 */
export function serveCalendlyScript(
  outcome: CalendlyScriptOutcome,
  options: CalendlyFakeOptions & { match?: (src: string) => boolean } = {},
): CalendlyScriptServer {
  const win = (options.window ?? globalThis.window) as DomWindow | undefined;
  if (!win?.document) throw new Error('serveCalendlyScript needs a DOM window (use the jest-fixed-jsdom environment)');
  const match = options.match ?? ((src: string) => /\/widget\.js(?:$|[?#])/.test(src));
  const scripts: HTMLScriptElement[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let fake: CalendlyFake | undefined;

  const answer = (script: HTMLScriptElement) => {
    scripts.push(script);
    if (outcome === 'never') return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      // One fake for the page, however many copies of widget.js load (as the real script keeps
      // one window.Calendly): installing a second would leave the first on the window after stop().
      if (outcome === 'load') fake ??= installCalendlyFake({ window: win, ...(options.throwOn ? { throwOn: options.throwOn } : {}) });
      script.dispatchEvent(new win.Event(outcome === 'error' ? 'error' : 'load'));
    }, 0);
    timers.add(timer);
  };
  const observer = new win.MutationObserver((records: MutationRecord[]) => {
    for (const record of records) {
      record.addedNodes.forEach((node: Node) => {
        if (node instanceof win.HTMLScriptElement && match(node.getAttribute('src') ?? '')) answer(node);
      });
    }
  });
  observer.observe(win.document, { childList: true, subtree: true });

  return {
    scripts,
    get fake() {
      return fake;
    },
    stop() {
      observer.disconnect();
      // A script still "in flight" must not install the fake after the test is over.
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      fake?.uninstall();
    },
  };
}
