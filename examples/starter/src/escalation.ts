// escalation.ts: loaded on use (browser idle, pointer near the sidebar, or the first click), in a
// chunk of its own: the registry, the relay client, transcripts and redaction stay out of the page's first bytes.
import { connectPillar, createRegistry, relay, type DisconnectPillar, type EscalationError, type EscalationResult, type EscalationUser, type PillarLike } from '@pillar/escalation-core';
import { RELAY_ENDPOINT, supportOptions } from './options';

/** What the page gives the escalation code: who is signed in, and how it tells the user what happened. */
export interface PageHooks {
  user: EscalationUser;
  sending(): void;
  delivered(result: EscalationResult): void;
  failed(error: EscalationError): void;
}

/** Connects the registry to Pillar: a click on a tab relays the conversation to the server. */
export function connect(pillar: PillarLike, page: PageHooks): DisconnectPillar {
  // Every option relays to the server option with the same id: the Zendesk token stays there.
  const registry = createRegistry(supportOptions.map((option) => ({ ...option, adapter: relay({ endpoint: RELAY_ENDPOINT }) })));
  registry.on('escalation:start', page.sending);
  return connectPillar(pillar, registry, {
    // Called at every escalation: always the current user and page.
    getContext: () => ({ user: page.user, page: { url: location.href, title: document.title } }),
    onEscalated: page.delivered,
    onError: page.failed,
  });
}
