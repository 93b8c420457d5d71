/** Calendly's custom-question slots: a scheduling page has at most ten questions. */
export const CALENDLY_ANSWER_SLOTS = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10'] as const;
export type CalendlyAnswerSlot = (typeof CALENDLY_ANSWER_SLOTS)[number];

/** `utm` as the embed API takes it; each becomes a `utm_*` query parameter on a link. */
export interface CalendlyUtm {
  utmCampaign?: string;
  utmSource?: string;
  utmMedium?: string;
  utmContent?: string;
  utmTerm?: string;
}

/** `prefill` as the embed API takes it (the subset this adapter fills). */
export interface CalendlyPrefill {
  name?: string;
  email?: string;
  customAnswers: Partial<Record<CalendlyAnswerSlot, string>>;
}

/** The part of `window.Calendly` (from `widget.js`) this adapter calls. */
export interface CalendlyEmbedApi {
  initPopupWidget(options: { url: string; prefill?: CalendlyPrefill; utm?: CalendlyUtm }): void;
  initInlineWidget(options: { url: string; parentElement: HTMLElement; prefill?: CalendlyPrefill; utm?: CalendlyUtm }): void;
}

/** The official embed script and stylesheet. */
export const CALENDLY_WIDGET_SCRIPT = 'https://assets.calendly.com/assets/external/widget.js';
export const CALENDLY_WIDGET_STYLESHEET = 'https://assets.calendly.com/assets/external/widget.css';

/** `window.Calendly`, when the embed script has defined it with the functions we call. */
export function calendlyGlobal(win: Window): CalendlyEmbedApi | undefined {
  const api = (win as Window & { Calendly?: Partial<CalendlyEmbedApi> }).Calendly;
  return api && typeof api.initPopupWidget === 'function' && typeof api.initInlineWidget === 'function'
    ? (api as CalendlyEmbedApi)
    : undefined;
}
