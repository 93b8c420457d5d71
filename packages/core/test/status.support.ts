import { container } from 'tsyringe';
import { CLOCK, createRegistry, type Delivery, type EscalationAdapter, type EscalationContext, type EscalationOption, type EscalationRegistry } from '@pillar/escalation-core';
import { showEscalationStatus, type EscalationStatusHandle, type StatusOptions } from '@pillar/escalation-core/status';

/** A conversation from Ada, with her email and locale. */
export function conversation(user: EscalationContext['user'] = {}): EscalationContext {
  return {
    conversationId: 'conv-1',
    messages: [
      { role: 'user', content: 'I was charged twice for order 4411' },
      { role: 'assistant', content: 'I cannot refund orders myself.' },
    ],
    user: { id: 'u-ada', email: 'ada@example.com', locale: 'en', ...user },
  };
}

/** An adapter of `kind` whose delivery is `deliver`, recording the keys it was given. */
export function adapter(kind: string, deliver: (key: string) => Promise<Delivery> | Delivery): EscalationAdapter & { keys: string[] } {
  const keys: string[] = [];
  return {
    kind,
    runtime: 'browser',
    keys,
    toPayload: (context) => ({ conversationId: context.conversationId }),
    deliver: async (_payload, options) => {
      keys.push(options.idempotencyKey);
      return deliver(options.idempotencyKey);
    },
  };
}

/** A registry whose clock reads `now`. */
export function registryAt(now: Date, options: EscalationOption[]): EscalationRegistry {
  const child = container.createChildContainer();
  child.register(CLOCK, { useValue: { now: () => now } });
  return createRegistry({ container: child, options });
}

/** Mounts the surface on `registry` with no sessionStorage unless given. */
export function mount(registry: EscalationRegistry, options: StatusOptions = {}): EscalationStatusHandle {
  return showEscalationStatus(registry, { storage: null, ...options });
}

/** The element's parts, read as a user (or a screen reader) would. */
export function read(handle: EscalationStatusHandle) {
  const root = handle.element.shadowRoot!;
  const panel = root.querySelector<HTMLElement>('section')!;
  return {
    root,
    panel,
    open: !panel.hidden,
    heading: root.querySelector('h2')!.textContent,
    text: root.querySelector('.text')!.textContent,
    detail: root.querySelector<HTMLElement>('.detail')!.hidden ? '' : root.querySelector('.detail')!.textContent,
    polite: root.querySelector('[role="status"]')!.textContent,
    alert: root.querySelector('[role="alert"]')!.textContent,
    reply: root.querySelector<HTMLElement>('.reply')!.hidden ? undefined : root.querySelector('.reply span:last-child')!.textContent,
    buttons: [...root.querySelectorAll('button')].map((b) => b.getAttribute('aria-label') ?? b.textContent),
    button: (name: string) => [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name),
  };
}

/** Lets every pending promise settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

type Listener = (event: MessageEvent | Event) => void;

/** A stand-in for the browser's EventSource that a test drives: open, events, errors. */
export class FakeEventSource {
  static instances: FakeEventSource[] = [];
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly url: string;
  readonly withCredentials: boolean;
  readyState = 0;
  closed = false;
  private listeners = new Map<string, Set<Listener>>();

  constructor(url: string | URL, init?: EventSourceInit) {
    this.url = String(url);
    this.withCredentials = init?.withCredentials ?? false;
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: Listener): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  open(): void {
    this.readyState = 1;
    for (const l of this.listeners.get('open') ?? []) l(new Event('open'));
  }

  /** Sends one event as the relay does: `id:`, `event: lifecycle`, `data:`. */
  send(data: unknown, id?: string, type = 'lifecycle'): void {
    const event = new MessageEvent(type, { data: JSON.stringify(data), lastEventId: id ?? '' });
    for (const l of this.listeners.get(type) ?? []) l(event);
  }

  /** An error: `closed` as after a refused response (not text/event-stream), else reconnecting. */
  fail(closed: boolean): void {
    this.readyState = closed ? 2 : 0;
    for (const l of this.listeners.get('error') ?? []) l(new Event('error'));
  }

  static latest(): FakeEventSource {
    const latest = FakeEventSource.instances[FakeEventSource.instances.length - 1];
    if (!latest) throw new Error('no EventSource was opened');
    return latest;
  }
}
