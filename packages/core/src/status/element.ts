import { statusStrings } from './messages';
import { statusMessage, type StatusMessage } from './describe';
import { STATUS_CSS } from './styles';
import { trackEscalationStatus, type EscalationStatusTracker, type StatusRegistry } from './track';
import type { EscalationStatusView, StatusLifecycleEvent, StatusOptions, StatusResolvedEvent } from './types';

/** The tag name of the status element. */
export const STATUS_TAG = 'pillar-escalation-status';

/** What `showEscalationStatus` (and `connectPillar({ status })`) returns. */
export interface EscalationStatusHandle {
  /** The element, added to the page. */
  readonly element: EscalationStatusElement;
  /** Shows a failure reported outside the registry's events (`connectPillar` passes its `onError` failures). */
  report(error: unknown, optionId?: string): void;
  /** Stops following, unsubscribes and removes the element. */
  detach(): void;
}

/**
 * The `<pillar-escalation-status>` element. It renders the status of the latest escalation of
 * the registry it is attached to: a panel with a polite live region (an assertive one for
 * failures), focus on its heading when it opens (back where it was when it closes), Escape
 * and a Close button to close it, real buttons for every action, no motion under
 * `prefers-reduced-motion`, themed by CSS custom properties (`STATUS_CSS_PROPERTIES`).
 *
 * It dispatches `escalation:lifecycle` (detail: `StatusLifecycleEvent`) and
 * `escalation:resolved` (detail: `StatusResolvedEvent`), bubbling and composed.
 */
export interface EscalationStatusElement extends HTMLElement {
  /** Subscribes to the registry's events (and resumes a followed escalation); returns the function that detaches. */
  attach(registry: StatusRegistry, options?: StatusOptions): () => void;
  /** The status shown, `undefined` when none. */
  readonly view: EscalationStatusView | undefined;
  /** The tracker behind the element (retry, choose, report), once attached. */
  readonly tracker: EscalationStatusTracker | undefined;
  /** Hides the panel and returns focus where it was. */
  close(): void;
}

/** The element's class, with `show` to create, attach and add one in one call. */
export interface EscalationStatusConstructor {
  new (): EscalationStatusElement;
  /** Creates an element, adds it to `options.container` (`document.body`) and attaches it. */
  show(registry: StatusRegistry, options?: StatusOptions): EscalationStatusHandle;
}

/** The element currently focused, looking into shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/**
 * Defines `<pillar-escalation-status>` when the page has `customElements` (the status entry
 * calls it when imported). Safe anywhere: without `customElements` (server rendering, Node) it
 * does nothing and returns `undefined`. Defined once; a definition already there (another copy
 * of core) is returned as is.
 */
export function defineEscalationStatus(): EscalationStatusConstructor | undefined {
  const registry = (globalThis as { customElements?: CustomElementRegistry }).customElements;
  if (!registry || typeof HTMLElement === 'undefined') return undefined;
  const existing = registry.get(STATUS_TAG);
  if (existing) return existing as unknown as EscalationStatusConstructor;
  const ctor = createElementClass();
  registry.define(STATUS_TAG, ctor as unknown as CustomElementConstructor);
  return ctor;
}

/**
 * Shows the status of every escalation of `registry` in a `<pillar-escalation-status>` added
 * to the page. Throws `TypeError` where there is no DOM with custom elements.
 */
export function showEscalationStatus(registry: StatusRegistry, options: StatusOptions = {}): EscalationStatusHandle {
  const ctor = defineEscalationStatus();
  if (!ctor) throw new TypeError('showEscalationStatus needs a browser page with customElements');
  return ctor.show(registry, options);
}

/** The class, created only where `HTMLElement` exists (never at import). */
function createElementClass(): EscalationStatusConstructor {
  class PillarEscalationStatus extends HTMLElement implements EscalationStatusElement {
    static show(registry: StatusRegistry, options: StatusOptions = {}): EscalationStatusHandle {
      const element = document.createElement(STATUS_TAG) as PillarEscalationStatus;
      if (options.inline) element.setAttribute('inline', '');
      (options.container ?? document.body).appendChild(element);
      const detach = element.attach(registry, options);
      return {
        element,
        report: (error, optionId) => element.tracker?.report(error, optionId),
        detach: () => {
          detach();
          element.remove();
        },
      };
    }

    #tracker: EscalationStatusTracker | undefined;
    #options: StatusOptions = {};
    #view: EscalationStatusView | undefined;
    #shownFor = '';
    #announced = '';
    #returnFocus: Element | null = null;
    readonly #polite: HTMLElement;
    readonly #assertive: HTMLElement;
    readonly #panel: HTMLElement;
    readonly #heading: HTMLElement;
    readonly #text: HTMLElement;
    readonly #detail: HTMLElement;
    readonly #reply: HTMLElement;
    readonly #replyLabel: HTMLElement;
    readonly #replyText: HTMLElement;
    readonly #actions: HTMLElement;
    readonly #alts: HTMLElement;
    readonly #altsLabel: HTMLElement;
    readonly #altsList: HTMLElement;
    readonly #close: HTMLButtonElement;

    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      const style = el('style');
      style.textContent = STATUS_CSS;
      const srOnly = 'position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0';
      this.#polite = el('div', { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', style: srOnly, part: 'live' });
      this.#assertive = el('div', { role: 'alert', 'aria-live': 'assertive', 'aria-atomic': 'true', style: srOnly, part: 'alert' });
      this.#panel = el('section', { class: 'panel', role: 'region', 'aria-labelledby': 'pillar-status-heading', part: 'panel' });
      this.#panel.hidden = true;
      const head = el('div', { class: 'head' });
      head.append(el('span', { class: 'dot', 'aria-hidden': 'true' }), (this.#heading = el('h2', { id: 'pillar-status-heading', tabindex: '-1', part: 'heading' })));
      this.#text = el('p', { class: 'text', part: 'text' });
      this.#detail = el('p', { class: 'detail', part: 'detail' });
      this.#reply = el('blockquote', { class: 'reply', part: 'reply' });
      this.#reply.append((this.#replyLabel = el('span', { class: 'reply-label' })), (this.#replyText = el('span')));
      this.#actions = el('div', { class: 'actions', part: 'actions' });
      this.#alts = el('div', { class: 'alts', part: 'alternatives' });
      this.#alts.append((this.#altsLabel = el('p', { id: 'pillar-status-alts' })), (this.#altsList = el('ul', { 'aria-labelledby': 'pillar-status-alts' })));
      // Last in the focus order, shown in the corner.
      this.#close = el('button', { type: 'button', class: 'close', part: 'close', style: 'position:absolute;top:10px;right:10px' });
      this.#close.append(Object.assign(el('span', { 'aria-hidden': 'true' }), { textContent: '×' }));
      this.#close.addEventListener('click', () => this.close());
      this.#panel.append(head, this.#text, this.#detail, this.#reply, this.#actions, this.#alts, this.#close);
      this.#panel.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          this.close();
        }
      });
      root.append(style, this.#polite, this.#assertive, this.#panel);
    }

    get view(): EscalationStatusView | undefined {
      return this.#view;
    }

    get tracker(): EscalationStatusTracker | undefined {
      return this.#tracker;
    }

    attach(registry: StatusRegistry, options: StatusOptions = {}): () => void {
      this.#tracker?.stop();
      const dispatch = (type: string, detail: StatusLifecycleEvent | StatusResolvedEvent) => this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
      this.#options = options;
      const tracker = (this.#tracker = trackEscalationStatus(
        registry,
        {
          ...options,
          onLifecycle: (event) => {
            dispatch('escalation:lifecycle', event);
            options.onLifecycle?.(event);
          },
          onResolved: (event) => {
            dispatch('escalation:resolved', event);
            options.onResolved?.(event);
          },
        },
        (view) => this.#render(view, false),
      ));
      // A followed escalation resumed after a reload shows at once, without taking focus.
      this.#render(tracker.view(), false);
      return () => {
        tracker.stop();
        if (this.#tracker === tracker) this.#tracker = undefined;
      };
    }

    close(): void {
      if (this.#panel.hidden) return;
      const hadFocus = this.shadowRoot?.activeElement != null;
      this.#panel.hidden = true;
      const target = this.#returnFocus;
      this.#returnFocus = null;
      if (hadFocus && target instanceof HTMLElement && target.isConnected) target.focus();
    }

    #render(view: EscalationStatusView | undefined, _initial: boolean): void {
      this.#view = view;
      if (!view) {
        this.close();
        return;
      }
      const message = statusMessage(view, { ...(this.#options.strings?.[view.locale] ? { strings: this.#options.strings[view.locale] } : {}) });
      const strings = statusStrings(view.locale, this.#options.strings?.[view.locale]);
      this.#panel.dataset.tone = message.tone;
      this.#panel.dataset.phase = view.phase;
      this.#panel.lang = view.locale;
      this.#heading.textContent = message.heading;
      this.#text.textContent = message.text;
      this.#detail.textContent = message.detail ?? '';
      this.#detail.hidden = !message.detail;
      this.#reply.hidden = view.reply === undefined;
      this.#replyLabel.textContent = strings.replyLabel;
      this.#replyText.textContent = view.reply ?? '';
      this.#close.setAttribute('aria-label', strings.close);
      this.#renderActions(view, strings);
      this.#announce(message, view.locale);

      // Open for a new escalation (taking focus: the user just clicked) or a new state (not taking it).
      const signature = `${view.idempotencyKey ?? view.requestedOptionId}|${view.phase}|${view.lifecycle ?? ''}`;
      if (signature === this.#shownFor) return;
      const fresh = view.phase === 'working' && !this.#shownFor.startsWith(`${view.idempotencyKey ?? view.requestedOptionId}|`);
      this.#shownFor = signature;
      if (this.#panel.hidden) {
        this.#panel.hidden = false;
        if (fresh) {
          const active = deepActiveElement();
          this.#returnFocus = active && !this.contains(active) && active !== this ? active : null;
          this.#heading.focus();
        }
      }
    }

    #renderActions(view: EscalationStatusView, strings: ReturnType<typeof statusStrings>): void {
      const tracker = this.#tracker;
      const buttons: HTMLButtonElement[] = [];
      const button = (label: string, onClick: () => void, primary: boolean) => {
        const b = el('button', { type: 'button', ...(primary ? { class: 'primary' } : {}) });
        b.textContent = label;
        b.addEventListener('click', onClick);
        buttons.push(b);
      };
      if (view.canRetry && view.phase === 'failed') button(strings.retry, () => tracker?.retry(), true);
      if (view.canRetry && view.phase === 'may-exist') button(strings.checkAgain, () => tracker?.retry(), true);
      if (view.lifecycle === 'solved' && (this.#options.pillar?.open || this.#options.onBackToAssistant)) {
        button(
          strings.back,
          () => {
            tracker?.backToAssistant();
            this.close();
          },
          true,
        );
      }
      const focusedAction = this.shadowRoot?.activeElement;
      const hadFocusInActions = focusedAction != null && (this.#actions.contains(focusedAction) || this.#altsList.contains(focusedAction));
      this.#actions.replaceChildren(...buttons);
      this.#actions.hidden = buttons.length === 0;
      const alternatives = view.phase === 'failed' || view.phase === 'unavailable' ? view.alternatives : [];
      this.#altsLabel.textContent = strings.otherWays;
      this.#altsList.replaceChildren(
        ...alternatives.map((alternative) => {
          const item = el('li');
          const b = el('button', { type: 'button' });
          b.textContent = alternative.label;
          b.addEventListener('click', () => tracker?.choose(alternative.id));
          item.append(b);
          return item;
        }),
      );
      this.#alts.hidden = alternatives.length === 0;
      // A pressed button that went away (Retry while working): keep focus in the panel.
      if (hadFocusInActions && !this.shadowRoot?.activeElement) this.#heading.focus();
    }

    #announce(message: StatusMessage, locale: string): void {
      const text = message.detail ? `${message.text} ${message.detail}` : message.text;
      if (text === this.#announced) return;
      this.#announced = text;
      const [live, quiet] = message.urgent ? [this.#assertive, this.#polite] : [this.#polite, this.#assertive];
      quiet.textContent = '';
      live.lang = locale;
      live.textContent = text;
    }
  }
  return PillarEscalationStatus;
}
