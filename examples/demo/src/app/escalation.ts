// Loaded on use (browser idle, the pointer near the sidebar, or the first click), in a chunk of
// its own: the registry, the adapters, the relay client, transcripts, redaction, tsyringe and the
// status surface stay out of the page's first bytes. The page (./main.ts) loads it through
// `connectPillarLazily`; see docs/pillar-sidebar.md.
import 'reflect-metadata';
import '@pillar/escalation-core/status';
import { container } from 'tsyringe';
import {
  CLOCK,
  connectPillar,
  createRegistry,
  toEscalationError,
  type Clock,
  type DisconnectPillar,
  type EscalationContext,
  type EscalationError,
  type EscalationPreview,
  type EscalationRegistry,
  type EscalationResult,
  type EscalationSource,
  type PillarChatExtra,
  type PillarLike,
  type RelayPayload,
} from '@pillar/escalation-core';
import type { StatusPillar } from '@pillar/escalation-core/status';
import { PREVIEW_PATH, type DemoPageConfig } from '../page-config';
import { EscalationCard } from './log';
import { browserOptions } from './options';
import { demoStatusOptions } from './status';
import { labelOf } from './tabs';

/** What the page hands the escalation code. */
export interface DemoPage {
  config: DemoPageConfig;
  /** "Now" for the gates: the demo's clock override, else the real time. */
  clock: Clock;
  /** Who is signed in and where they are, read at each escalation. */
  appContext: () => PillarChatExtra;
  /** The "What happened" panel. */
  log: HTMLElement;
  /** The Pillar SDK instance, for the status surface's "Back to the assistant". */
  pillar: StatusPillar;
}

let registry: EscalationRegistry | undefined;
/** The card of the escalation under way. */
let card: EscalationCard | undefined;
let lastContext: EscalationContext | undefined;

function previewInto(target: EscalationCard, optionId: string, context: EscalationContext): void {
  try {
    const preview = registry!.preview(optionId, context);
    target.preview(preview);
    if (preview.kind === 'relay') void serverPreviewInto(target, preview.payload as RelayPayload);
  } catch (error) {
    const e = toEscalationError(error);
    target.preview({ optionId, error: `${e.code}: ${e.message}` });
  }
}

/** Behind a relay option: what the server's adapter would send for the same context (the demo server's /demo/preview). */
async function serverPreviewInto(target: EscalationCard, payload: RelayPayload): Promise<void> {
  const optionId = payload.optionId ?? '?';
  try {
    const response = await fetch(PREVIEW_PATH, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
    const body = (await response.json()) as EscalationPreview | { error: { code: string; message: string } };
    if ('error' in body) target.preview({ optionId, error: `${body.error.code}: ${body.error.message}` }, 'server');
    else target.preview(body, 'server');
  } catch (error) {
    target.preview({ optionId, error: `The server preview failed: ${(error as Error).message}` }, 'server');
  }
}

/** The registry, made once per page, with the "What happened" panel following its events. */
function demoRegistry(page: DemoPage): EscalationRegistry {
  if (registry) return registry;
  const scope = container.createChildContainer();
  scope.register(CLOCK, { useValue: page.clock });
  const made = createRegistry({ options: browserOptions(page.config), container: scope });
  registry = made;
  made.on('escalation:start', ({ optionId, context, idempotencyKey }) => {
    lastContext = context;
    card = new EscalationCard(labelOf, optionId, `sidebar tab · key ${idempotencyKey}`);
    page.log.prepend(card.element);
    card.event(
      context.messages.length
        ? `Context: ${context.messages.length} messages of conversation ${context.conversationId ?? '(none)'}, user ${context.user?.name ?? '?'} (${context.user?.plan ?? 'no plan'}).`
        : `Context: no conversation (Pillar's getChatContext() gave none), user ${context.user?.name ?? '?'}.`,
    );
    previewInto(card, optionId, context);
  });
  made.on('escalation:fallback', ({ from, to, error }) => {
    if (!card) return;
    card.event(`“${labelOf(from)}” failed with ${error.code}: ${error.message}`, 'error');
    card.event(`Falling back to “${labelOf(to)}” with the same context.`, 'warn');
    // The fallback's payload, built from the same context.
    if (lastContext) previewInto(card, to, lastContext);
  });
  return made;
}

function onEscalated(result: EscalationResult): void {
  card?.delivered(result);
  card = undefined;
}

function onError(log: HTMLElement, error: EscalationError, source: EscalationSource): void {
  // A failure before the registry started (e.g. no option for the tab) has no card yet.
  const target = card ?? new EscalationCard(labelOf, source.optionId ?? source.tabId ?? '?', 'sidebar tab');
  if (!card) log.prepend(target.element);
  target.failed(error);
  card = undefined;
}

/**
 * Connects the registry to Pillar (`pillar` is the stand-in `connectPillarLazily` gives), with
 * the status surface following the relay's lifecycle over SSE.
 */
export function connect(pillar: PillarLike, page: DemoPage): DisconnectPillar {
  return connectPillar(pillar, demoRegistry(page), {
    getContext: page.appContext,
    clock: page.clock,
    onEscalated,
    onError: (error, source) => onError(page.log, error, source),
    status: demoStatusOptions(page.config.escalationEndpoint, page.pillar),
  });
}
