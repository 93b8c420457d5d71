import type { EscalationError, EscalationPreview, EscalationResult } from '@pillar/escalation-core';
import { h, json } from './dom';

/** The options' labels, for sentences. */
export type LabelOf = (optionId: string) => string;

/**
 * One escalation in the "What happened" panel: the events as they arrive, the exact payload
 * of every option tried (`registry.preview`), then the result or the error, as they are.
 */
export class EscalationCard {
  readonly element: HTMLElement;
  private readonly events: HTMLOListElement;
  private readonly details: HTMLElement;
  private readonly headline: HTMLElement;
  private readonly started = performance.now();

  constructor(
    private readonly labelOf: LabelOf,
    readonly optionId: string,
    source: string,
  ) {
    this.headline = h('p', { class: 'headline', 'data-testid': 'headline' }, `${labelOf(optionId)}: escalating…`);
    this.events = h('ol', { class: 'events', 'data-testid': 'events' });
    this.details = h('div', { class: 'details' });
    this.element = h(
      'article',
      { class: 'card running', 'data-testid': 'escalation', 'data-requested': optionId, 'data-state': 'running' },
      h('h3', {}, `${labelOf(optionId)} `, h('small', {}, source)),
      this.headline,
      this.events,
      this.details,
    );
    this.event(`Clicked “${labelOf(optionId)}”.`);
  }

  event(text: string, kind: 'info' | 'warn' | 'error' = 'info'): void {
    const at = `${Math.round(performance.now() - this.started)} ms`;
    this.events.append(h('li', { class: kind }, h('span', { class: 'at' }, at), ' ', text));
  }

  /** A payload: the browser registry's (`side: 'browser'`), or the server option's behind a relay. */
  preview(preview: EscalationPreview | { optionId: string; error: string }, side: 'browser' | 'server' = 'browser'): void {
    const kind = 'kind' in preview ? ` (${preview.kind})` : '';
    const title =
      side === 'server'
        ? `On the server, “${this.labelOf(preview.optionId)}”${kind} sends: registry.preview() on the server`
        : `Payload of “${this.labelOf(preview.optionId)}”${kind}: registry.preview()`;
    this.details.append(
      h(
        'details',
        { class: 'payload', 'data-testid': side === 'server' ? 'server-preview' : 'preview', 'data-option': preview.optionId, open: '' },
        h('summary', {}, title),
        // The handoff brief heads every transcript: shown first, as the agent reads it first.
        ...('brief' in preview && preview.brief
          ? [h('p', { class: 'brief-title' }, `Handoff brief (${preview.brief.source === 'summary' ? "the app's summary" : 'deterministic'}), first in the transcript:`), json(preview.brief.brief, side === 'server' ? 'server-brief' : 'brief')]
          : []),
        json('payload' in preview ? preview.payload : preview),
      ),
    );
  }

  delivered(result: EscalationResult): void {
    const fellBack = result.optionId !== result.requestedOptionId;
    this.element.dataset.state = 'delivered';
    this.element.dataset.delivered = result.optionId;
    this.element.classList.replace('running', 'delivered');
    const how = { opened: 'opened', created: 'created', redirected: 'opened a new tab' }[result.status];
    this.headline.textContent = fellBack
      ? `Delivered by “${this.labelOf(result.optionId)}” (fallback after “${this.labelOf(result.requestedOptionId)}” failed): ${how}.`
      : `Delivered by “${this.labelOf(result.optionId)}”: ${how}.`;
    const url = result.reference?.url;
    if (url) {
      const sameOrigin = new URL(url, location.href).origin === location.origin;
      this.event(`Reference: ${result.reference?.id ? `${result.reference.id} ` : ''}`, 'info');
      const where = new URL(url, location.href);
      (this.events.lastElementChild as HTMLElement).append(
        h('a', { href: url, target: '_blank', rel: 'noopener', 'data-testid': 'reference' }, sameOrigin ? 'open it in the inbox' : `${where.origin}${where.pathname}`),
      );
    }
    this.explain(result);
    this.details.prepend(this.attempts(result.attempts), h('details', { class: 'payload', 'data-testid': 'result' }, h('summary', {}, 'EscalationResult'), json(result, 'result-json')));
  }

  failed(error: EscalationError): void {
    this.element.dataset.state = 'failed';
    this.element.dataset.error = error.code;
    this.element.classList.replace('running', 'failed');
    this.headline.textContent = `Failed: ${error.code}: ${error.message}`;
    this.event(`${error.code}${error.retryable ? ' (retryable)' : ''}: ${error.message}`, 'error');
    const attempts = error.details?.attempts;
    if (Array.isArray(attempts)) this.details.prepend(this.attempts(attempts as EscalationResult['attempts']));
    this.details.prepend(
      h(
        'details',
        { class: 'payload', 'data-testid': 'error', open: '' },
        h('summary', {}, 'EscalationError'),
        json({ code: error.code, message: error.message, retryable: error.retryable, optionId: error.optionId, status: error.status, retryAfterMs: error.retryAfterMs, details: error.details }),
      ),
    );
  }

  private explain(result: EscalationResult): void {
    const url = result.reference?.url;
    const data = result.data ?? {};
    if (result.kind === 'calendly-scheduling' && result.status === 'redirected') {
      const why = typeof data.fallback === 'string' ? data.fallback : undefined;
      this.event(
        why
          ? `Calendly's embed could not be used (${why}), so the adapter opened the prefilled booking link in a new tab instead (offline, that tab cannot load).`
          : 'The booking link opened in a new tab.',
        why ? 'warn' : 'info',
      );
    }
    if (url && result.status === 'redirected') {
      const link = new URL(url);
      const lines = [`Opened ${link.origin}${link.pathname} with:`];
      for (const [name, value] of link.searchParams) {
        const shown = value.length > 400 ? `${value.slice(0, 400)}…` : value;
        lines.push(`  ${name} = ${shown.replace(/\n/g, '\n      ')}`);
      }
      this.details.append(h('details', { class: 'payload', 'data-testid': 'opened-url', open: '' }, h('summary', {}, 'The URL the new tab opened'), h('pre', { class: 'json' }, lines.join('\n')), h('p', {}, h('code', { 'data-testid': 'opened-href' }, url))));
    }
  }

  private attempts(attempts: EscalationResult['attempts']): HTMLElement {
    const rows = attempts.map((attempt) =>
      h(
        'tr',
        { 'data-outcome': attempt.outcome },
        h('td', {}, this.labelOf(attempt.optionId)),
        h('td', {}, attempt.kind ?? ''),
        h('td', {}, attempt.outcome),
        h('td', {}, attempt.error ? `${attempt.error.code}: ${attempt.error.message}` : ''),
        h('td', {}, `${attempt.durationMs} ms`),
      ),
    );
    return h(
      'table',
      { class: 'attempts', 'data-testid': 'attempts' },
      h('caption', {}, 'Attempts'),
      h('thead', {}, h('tr', {}, h('th', {}, 'option'), h('th', {}, 'adapter'), h('th', {}, 'outcome'), h('th', {}, 'error'), h('th', {}, 'time'))),
      h('tbody', {}, ...rows),
    );
  }
}
