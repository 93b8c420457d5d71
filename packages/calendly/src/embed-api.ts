/** Calendly's custom-question slots: a scheduling page has at most ten questions. */
export const CALENDLY_ANSWER_SLOTS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10'] as const;
/**
 * A custom question of the event type, by position: `a1` is the first question on the booking
 * form, `a10` the tenth. Calendly's name, both as a query parameter (`a1=...`) and as a key of
 * the embed API's `prefill.customAnswers`. A free-text question takes text; a checkbox or radio
 * question takes option indices (`2,3`).
 */
export type CalendlyAnswerSlot = (typeof CALENDLY_ANSWER_SLOTS)[number];

/** `utm` as the embed API takes it; each becomes a `utm_*` query parameter on a link. */
export interface CalendlyUtm {
  /** The campaign, e.g. `escalation`; `utm_campaign` on a link. */
  utmCampaign?: string;
  /** Where the booking came from, e.g. `pillar` or your app's name; `utm_source` on a link. */
  utmSource?: string;
  /** The channel, e.g. `copilot`; `utm_medium` on a link. */
  utmMedium?: string;
  /** Which link or placement, to tell several apart; `utm_content` on a link. */
  utmContent?: string;
  /** A keyword; `utm_term` on a link. */
  utmTerm?: string;
}

/** `prefill` as the embed API takes it (the subset this adapter fills). */
export interface CalendlyPrefill {
  /** The invitee's full name (Calendly's **Name** field), from `context.user.name`; this adapter cuts it at 256 characters. */
  name?: string;
  /** The invitee's email (Calendly's **Email** field), from `context.user.email`, whole. */
  email?: string;
  /**
   * Answers to the custom questions by slot, as fitted into the link (`a1`: the first question).
   * Free text; Calendly publishes no length limit, so they are bounded by `maxUrlLength`. The
   * invitee can still edit them: Calendly cannot lock a prefilled field.
   */
  customAnswers: Partial<Record<CalendlyAnswerSlot, string>>;
}

/** The part of `window.Calendly` (from `widget.js`) this adapter calls. */
export interface CalendlyEmbedApi {
  /**
   * `Calendly.initPopupWidget`: opens the scheduling page in an overlay on the current page
   * (needs the embed stylesheet). `url` is the scheduling page; the widget adds `prefill` and
   * `utm` to it itself.
   */
  initPopupWidget(options: { url: string; prefill?: CalendlyPrefill; utm?: CalendlyUtm }): void;
  /**
   * `Calendly.initInlineWidget`: renders the scheduling page in an iframe inside `parentElement`,
   * with the same `url`, `prefill` and `utm` as the popup.
   */
  initInlineWidget(options: { url: string; parentElement: HTMLElement; prefill?: CalendlyPrefill; utm?: CalendlyUtm }): void;
}

/** Calendly's official embed script (`widget.js`), which defines `window.Calendly`; loaded with `loadScript: true`. */
export const CALENDLY_WIDGET_SCRIPT = 'https://assets.calendly.com/assets/external/widget.js';
/**
 * The stylesheet that goes with {@link CALENDLY_WIDGET_SCRIPT} (the popup's overlay needs it);
 * added to the page with the script when the adapter loads it.
 */
export const CALENDLY_WIDGET_STYLESHEET = 'https://assets.calendly.com/assets/external/widget.css';

/** `window.Calendly`, when the embed script has defined it with the functions we call. */
export function calendlyGlobal(win: Window): CalendlyEmbedApi | undefined {
  const api = (win as Window & { Calendly?: Partial<CalendlyEmbedApi> }).Calendly;
  return api && typeof api.initPopupWidget === 'function' && typeof api.initInlineWidget === 'function'
    ? (api as CalendlyEmbedApi)
    : undefined;
}
