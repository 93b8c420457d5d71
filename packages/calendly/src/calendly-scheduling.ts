import {
  bool,
  buildBoundedUrl,
  callOption,
  custom,
  defineOptions,
  EscalationError,
  firstUserMessage,
  group,
  int,
  list,
  oneOf,
  optionError,
  OptionProblem,
  record,
  string,
  fitBoundedUrl,
  openUrl,
  throwIfAborted,
  transcriptRenderer,
  truncateText,
  type BoundedParam,
  type BoundedRender,
  type Delivery,
  type EscalationAdapter,
  type EscalationContext,
  type OptionFieldsFor,
  type OptionFields,
  type OptionsDeclaration,
} from '@pillar/escalation-core';
import {
  CALENDLY_ANSWER_SLOTS,
  CALENDLY_WIDGET_SCRIPT,
  calendlyGlobal,
  type CalendlyAnswerSlot,
  type CalendlyEmbedApi,
  type CalendlyPrefill,
  type CalendlyUtm,
} from './embed-api';
import { loadCalendlyEmbed, type EmbedScriptFailure } from './load-embed-script';

/** The adapter kind, as in `registry.preview()` and the payload map. */
export const CALENDLY_SCHEDULING_KIND = 'calendly-scheduling';

/**
 * How the scheduling page opens: `'popup'` (Calendly's overlay, `initPopupWidget`), `'inline'`
 * (inside an element of the app, `initInlineWidget`) or `'link'` (a new tab).
 */
export type CalendlyMode = 'popup' | 'inline' | 'link';

/**
 * What goes into a custom question: `'summary'` (the conversation, cut to fit), `'question'`
 * (the user's first message), or a function of the context (pure: the same context gives the
 * same answer).
 */
export type CalendlyAnswer = 'summary' | 'question' | ((context: EscalationContext) => string | null | undefined);

/**
 * Options of {@link calendlyScheduling}. Only `url` is required; everything is checked when the
 * adapter is created (a `CONFIGURATION` error names the option).
 */
export interface CalendlySchedulingOptions {
  /** The scheduling page, e.g. `https://calendly.com/acme/support-call`. Must be https on one of `hosts`. */
  url: string;
  /**
   * `popup`: Calendly's popup over the app; `inline`: the page inside `parentElement`; `link`:
   * a new tab. Popup and inline need the embed script (see `loadScript`) and fall back to a
   * new tab without it. @defaultValue `'popup'`
   */
  mode?: CalendlyMode;
  /** Custom questions to fill, by slot (`a1`...`a10`, in the order they appear on the event type). @defaultValue none */
  answers?: Partial<Record<CalendlyAnswerSlot, CalendlyAnswer>>;
  /** UTM values for Calendly's tracking. @defaultValue none */
  utm?: CalendlyUtm;
  /** Fill `name` and `email` from `context.user`. @defaultValue `true` */
  prefillUser?: boolean;
  /** Hide the event type's details (name, duration, description) (`hide_event_type_details=1`). @defaultValue `false` */
  hideDetails?: boolean;
  /** Hide the landing page's details (`hide_landing_page_details=1`). @defaultValue `false` */
  hideLandingPageDetails?: boolean;
  /** Hide the cookie banner (`hide_gdpr_banner=1`), when the app already asked for consent. @defaultValue `false` */
  hideGdprBanner?: boolean;
  /**
   * Load Calendly's embed script when `window.Calendly` is missing: `true` for the official
   * script, or an https URL of a self-hosted copy. `false`: use the widget only if the app
   * loaded it, else open a new tab. @defaultValue `false`
   */
  loadScript?: boolean | string;
  /** For `inline`: the element to render into, or a CSS selector resolved when delivering. */
  parentElement?: HTMLElement | string;
  /** The longest scheduling URL; the summary is cut to fit. @defaultValue `2000` */
  maxUrlLength?: number;
  /** How long to wait for the embed script before falling back to a new tab. @defaultValue `8000` */
  widgetTimeoutMs?: number;
  /** The hosts the scheduling page may be on (exact names). @defaultValue `['calendly.com']` */
  hosts?: string[];
}

/** What `toPayload` produces. */
export interface CalendlySchedulingPayload {
  /** How `deliver` opens the page: the configured `mode` (it may still fall back to a new tab). */
  mode: CalendlyMode;
  /** The full scheduling link: prefill, answers, `utm_*` and display flags, encoded, within `maxUrlLength`. */
  url: string;
  /**
   * The page with display flags only, for the widget, which adds `prefill` and `utm` itself
   * (passing `url` would send them twice).
   */
  embedUrl: string;
  /** The widget's `prefill`: the same name, email and answers as in `url`, decoded and already fitted. */
  prefill: CalendlyPrefill;
  /** The widget's `utm`: the configured `utm` option as is (also in `url` as `utm_*`). */
  utm: CalendlyUtm;
}

declare module '@pillar/escalation-core' {
  interface AdapterPayloads {
    /** The payload of the Calendly scheduling adapter: {@link CalendlySchedulingPayload}. */
    'calendly-scheduling': CalendlySchedulingPayload;
  }
}

const UTM_PARAMS: ReadonlyArray<[keyof CalendlyUtm, string]> = [
  ['utmCampaign', 'utm_campaign'],
  ['utmSource', 'utm_source'],
  ['utmMedium', 'utm_medium'],
  ['utmContent', 'utm_content'],
  ['utmTerm', 'utm_term'],
];
/** Calendly's name field; longer names are cut (they only prefill an editable field). */
const NAME_MAX_LENGTH = 256;
const EMPTY_CONTEXT: EscalationContext = { conversationId: null, messages: [] };

/**
 * Books a call on Calendly with the conversation in the booking's answers: name and email from
 * the user, a summary of the conversation in the question the app names, UTM values.
 *
 * `deliver` opens the popup or the inline widget when `window.Calendly` is there (or loads with
 * `loadScript`), else the same prefilled page in a new tab (`data.fallback` says why).
 *
 * @throws EscalationError `CONFIGURATION` when an option is invalid or `maxUrlLength` cannot hold
 *   the page and its fixed values. `deliver` rejects with `PROVIDER_UNAVAILABLE` when there is no
 *   `window` or the new tab is blocked, and with `ABORTED` when the signal fires.
 *
 * @example
 * ```ts
 * calendlyScheduling({ url: 'https://calendly.com/acme/support', answers: { a1: 'summary' } })
 * ```
 */
export function calendlyScheduling(options: CalendlySchedulingOptions): EscalationAdapter<CalendlySchedulingPayload> {
  const config = validate(options);
  const build = (context: EscalationContext): CalendlySchedulingPayload => {
    const params: BoundedParam[] = [];
    const user = config.prefillUser ? context.user : undefined;
    const name = user?.name?.trim();
    const email = user?.email?.trim();
    if (name) params.push({ name: 'name', value: (max) => truncateText(name, Math.min(max, NAME_MAX_LENGTH)) });
    if (email) params.push({ name: 'email', value: email });
    for (const [slot, answer] of config.answers) params.push({ name: slot, value: answerText(slot, answer, context) });
    for (const [key, param] of UTM_PARAMS) if (config.utm[key] !== undefined) params.push({ name: param, value: config.utm[key] });
    params.push(...config.flags);
    const fitted = fitBoundedUrl(config.url, params, config.maxUrlLength);
    const url = fitted.url;
    assertOnHost(url, config);
    // The widget gets the very values the link carries (names are unique here).
    const values = new Map(params.map((param, i) => [param.name, fitted.values[i]]));

    const prefill: CalendlyPrefill = { customAnswers: {} };
    const fittedName = values.get('name');
    if (fittedName) prefill.name = fittedName;
    if (email) prefill.email = email;
    for (const [slot] of config.answers) {
      const text = values.get(slot);
      if (text) prefill.customAnswers[slot] = text;
    }
    return { mode: config.mode, url, embedUrl: config.embedUrl, prefill, utm: { ...config.utm } };
  };
  // The URL without answers must fit: a too-small maxUrlLength fails at boot, not on a click.
  build(EMPTY_CONTEXT);

  return {
    kind: CALENDLY_SCHEDULING_KIND,
    runtime: 'browser',
    limits: { maxUrlLength: config.maxUrlLength },
    toPayload: build,
    async deliver(payload, { signal }) {
      throwIfAborted(signal);
      const win = typeof window === 'undefined' ? undefined : window;
      if (win === undefined || win.document === undefined) {
        throw new EscalationError('PROVIDER_UNAVAILABLE', 'calendlyScheduling needs a browser window: there is none here (server rendering?)', {
          retryable: false,
        });
      }
      assertOnHost(payload.url, config);
      assertOnHost(payload.embedUrl, config);
      const link = (fallback?: EmbedScriptFailure | 'widget-error'): Delivery => {
        openUrl(payload.url, 'new-tab', 'calendlyScheduling');
        return { status: 'redirected', reference: { url: payload.url }, ...(fallback ? { data: { fallback } } : {}) };
      };
      if (payload.mode === 'link') return link();

      let calendly: CalendlyEmbedApi | EmbedScriptFailure = calendlyGlobal(win) ?? 'no-global';
      if (typeof calendly === 'string' && config.scriptSrc !== undefined) {
        calendly = await loadCalendlyEmbed(win, config.scriptSrc, { timeoutMs: config.widgetTimeoutMs, ...(signal ? { signal } : {}) });
      }
      throwIfAborted(signal);
      if (typeof calendly === 'string') return link(calendly);

      const widgetOptions = { url: payload.embedUrl, prefill: payload.prefill, utm: payload.utm };
      if (payload.mode === 'inline') {
        const parentElement = resolveParent(win, config.parentElement);
        try {
          calendly.initInlineWidget({ ...widgetOptions, parentElement });
        } catch {
          return link('widget-error');
        }
      } else {
        try {
          calendly.initPopupWidget(widgetOptions);
        } catch {
          return link('widget-error');
        }
      }
      return { status: 'opened', reference: { url: payload.url } };
    },
  };
}

interface Config {
  url: URL;
  embedUrl: string;
  mode: CalendlyMode;
  answers: Array<[CalendlyAnswerSlot, CalendlyAnswer]>;
  utm: CalendlyUtm;
  flags: BoundedParam[];
  prefillUser: boolean;
  scriptSrc: string | undefined;
  parentElement: HTMLElement | string | undefined;
  maxUrlLength: number;
  widgetTimeoutMs: number;
}

const NAME = 'calendly-scheduling';

/** An absolute https URL without credentials (the page, a self-hosted embed script). */
function httpsUrl(value: unknown): URL | OptionProblem {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || url.protocol !== 'https:') return new OptionProblem(`must be an absolute https URL, got ${JSON.stringify(value)}`);
  if (url.username !== '' || url.password !== '') return new OptionProblem('must not contain credentials');
  return url;
}

const utmValue = string({ expects: 'a non-empty string' });

const OPTIONS = defineOptions(NAME, {
  url: custom({
    expects: 'a scheduling page (https://calendly.com/<user>/<event>)',
    required: true as const,
    invalid: ['http://calendly.com/acme/support', 'https://calendly.com:8443/acme', 'https://calendly.com/'],
    check: (value: unknown) => {
      const url = httpsUrl(value);
      if (url instanceof OptionProblem) return url;
      if (url.port !== '') return new OptionProblem(`must not name a port, got "${url.host}"`);
      if (url.pathname === '/' || url.pathname === '') return new OptionProblem('must be a scheduling page (https://calendly.com/<user>/<event>), not the home page');
      return value as string;
    },
  }),
  mode: oneOf(['popup', 'inline', 'link'] as const, { default: 'popup' }),
  answers: record(
    custom({
      expects: '"summary", "question" or a function of the context',
      invalid: ['transcript'],
      check: (v: unknown) => (v === 'summary' || v === 'question' || typeof v === 'function' ? (v as CalendlyAnswer) : undefined),
    }),
    { key: /^a([1-9]|10)$/ },
  ),
  utm: group({ utmCampaign: utmValue, utmSource: utmValue, utmMedium: utmValue, utmContent: utmValue, utmTerm: utmValue }),
  prefillUser: bool({ default: true }),
  hideDetails: bool({ default: false }),
  hideLandingPageDetails: bool({ default: false }),
  hideGdprBanner: bool({ default: false }),
  loadScript: custom({
    expects: 'true, false or an https URL',
    default: false,
    invalid: ['http://cdn.example.com/widget.js', 1],
    check: (v: unknown): boolean | string | OptionProblem | undefined => {
      if (typeof v === 'boolean') return v;
      const url = typeof v === 'string' ? httpsUrl(v) : undefined;
      return url instanceof URL ? url.href : url;
    },
  }),
  parentElement: custom({
    expects: 'an element or a CSS selector',
    invalid: ['', 42],
    check: (v: unknown) =>
      (typeof v === 'object' && v !== null && typeof (v as HTMLElement).appendChild === 'function') || (typeof v === 'string' && v.trim() !== '') ? (v as HTMLElement | string) : undefined,
  }),
  maxUrlLength: int({ default: 2000 }),
  widgetTimeoutMs: int({ max: 60_000, default: 8000 }),
  hosts: list(string({ pattern: /^[a-z0-9.-]+$/i, expects: 'a host name' }), { min: 1, default: ['calendly.com'] }),
} satisfies OptionFieldsFor<CalendlySchedulingOptions>);

/** The declared options of {@link calendlyScheduling}. */
export const CALENDLY_SCHEDULING_OPTIONS: OptionsDeclaration<OptionFields> = OPTIONS;

function validate(options: CalendlySchedulingOptions): Config {
  const o = OPTIONS.check(options);
  const hosts = new Set(o.hosts.map((h) => h.toLowerCase()));
  const url = new URL(o.url);
  if (!hosts.has(url.hostname)) throw optionError(NAME, 'url', `must be on ${[...hosts].join(' or ')}, got "${url.host}" (add it to hosts if it is yours)`);
  if (o.mode === 'inline' && o.parentElement === undefined) throw optionError(NAME, 'parentElement', 'is required with mode "inline": an element or a CSS selector');
  // Slots in order a1, a2, ..., a10, whatever the object's key order.
  const answers = Object.entries(o.answers ?? {}).sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1))) as Array<[CalendlyAnswerSlot, CalendlyAnswer]>;
  const utm: CalendlyUtm = Object.fromEntries(Object.entries(o.utm).filter(([, v]) => v !== undefined));
  const flags: BoundedParam[] = [];
  if (o.hideDetails) flags.push({ name: 'hide_event_type_details', value: '1' });
  if (o.hideLandingPageDetails) flags.push({ name: 'hide_landing_page_details', value: '1' });
  if (o.hideGdprBanner) flags.push({ name: 'hide_gdpr_banner', value: '1' });
  const scriptSrc = o.loadScript === true ? CALENDLY_WIDGET_SCRIPT : o.loadScript === false ? undefined : o.loadScript;
  const { mode, prefillUser, parentElement, maxUrlLength, widgetTimeoutMs } = o;
  const embedUrl = buildBoundedUrl(url, flags, maxUrlLength);
  return { url, embedUrl, mode, answers, utm, flags, prefillUser, scriptSrc, parentElement, maxUrlLength, widgetTimeoutMs };
}

function answerText(slot: CalendlyAnswerSlot, answer: CalendlyAnswer, context: EscalationContext): BoundedRender {
  if (answer === 'summary') return transcriptRenderer(context, { format: 'text' });
  if (answer === 'question') {
    const question = firstUserMessage(context) ?? '';
    return (max) => truncateText(question, max);
  }
  const text: unknown = callOption(NAME, `answers.${slot}`, answer, context);
  if (text !== undefined && text !== null && typeof text !== 'string') throw optionError(NAME, `answers.${slot}`, `must return a string, got ${typeof text}`);
  const value = text ?? '';
  return (max) => truncateText(value, max);
}

/** Every URL this adapter builds or opens stays on the configured page. */
function assertOnHost(href: string, config: Config): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(href);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || parsed.protocol !== 'https:' || parsed.origin !== config.url.origin || parsed.pathname !== config.url.pathname || parsed.username !== '' || parsed.password !== '') {
    throw new EscalationError('CONFIGURATION', `calendlyScheduling refuses a URL outside ${config.url.origin}${config.url.pathname}`, { retryable: false });
  }
}

function resolveParent(win: Window, parent: HTMLElement | string | undefined): HTMLElement {
  const element = typeof parent === 'string' ? win.document.querySelector<HTMLElement>(parent) : parent;
  if (!element) {
    throw optionError(NAME, 'parentElement', typeof parent === 'string' ? `"${parent}" matches no element` : 'is missing');
  }
  return element;
}
