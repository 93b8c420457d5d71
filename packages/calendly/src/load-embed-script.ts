import { EscalationError } from '@pillar/escalation-core';
import { CALENDLY_WIDGET_STYLESHEET, calendlyGlobal, type CalendlyEmbedApi } from './embed-api';

/** How loading the embed script ended, when it did not give us `window.Calendly`. */
export type EmbedScriptFailure = 'script-error' | 'script-timeout' | 'no-global';

const STATE = 'data-pillar-calendly';

/**
 * Loads Calendly's `widget.js` (and its stylesheet, which the popup needs) once per page, and
 * waits at most `timeoutMs` for it. Resolves with `window.Calendly`, or with why it is missing
 * (an ad blocker, a CSP, no network) so the caller can fall back to a plain link. A script that
 * failed is removed, so the next escalation tries again.
 */
export async function loadCalendlyEmbed(
  win: Window,
  src: string,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<CalendlyEmbedApi | EmbedScriptFailure> {
  const present = calendlyGlobal(win);
  if (present) return present;
  const doc = win.document;
  if (doc.querySelector(`link[href="${CALENDLY_WIDGET_STYLESHEET}"]`) === null) {
    const link = doc.createElement('link');
    link.rel = 'stylesheet';
    link.href = CALENDLY_WIDGET_STYLESHEET;
    doc.head.appendChild(link);
  }
  let script = [...doc.querySelectorAll('script')].find((s) => s.getAttribute('src') === src);
  if (script?.getAttribute(STATE) === 'loaded') return calendlyGlobal(win) ?? 'no-global';
  if (!script) {
    script = doc.createElement('script');
    script.async = true;
    script.src = src;
    script.setAttribute(STATE, 'loading');
    doc.head.appendChild(script);
  }
  const element = script;
  const outcome = await new Promise<'loaded' | 'script-error' | 'script-timeout' | 'aborted'>((resolve) => {
    const done = (result: 'loaded' | 'script-error' | 'script-timeout' | 'aborted') => {
      clearTimeout(timer);
      element.removeEventListener('load', onLoad);
      element.removeEventListener('error', onError);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const onLoad = () => done('loaded');
    const onError = () => done('script-error');
    const onAbort = () => done('aborted');
    const timer = setTimeout(() => done('script-timeout'), options.timeoutMs);
    element.addEventListener('load', onLoad);
    element.addEventListener('error', onError);
    options.signal?.addEventListener('abort', onAbort);
    if (options.signal?.aborted) onAbort();
  });
  if (outcome === 'aborted') {
    throw new EscalationError('ABORTED', 'The escalation was aborted while Calendly loaded', { cause: options.signal?.reason });
  }
  if (outcome === 'script-error') {
    element.remove();
    return 'script-error';
  }
  if (outcome === 'script-timeout') return 'script-timeout';
  element.setAttribute(STATE, 'loaded');
  return calendlyGlobal(win) ?? 'no-global';
}
