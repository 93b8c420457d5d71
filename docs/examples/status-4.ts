// Or straight from the registry's events, with no status code at all.
import type { EscalationRegistry } from '@pillar/escalation-core';

declare function show(text: string): void;

export function minimalStatus(registry: EscalationRegistry) {
  const stops = [
    registry.on('escalation:start', () => show('Contacting support…')),
    registry.on('escalation:success', ({ result }) =>
      show(result.status === 'created' && result.reference?.id ? `Ticket #${result.reference.id} created` : `${result.kind} opened`),
    ),
    registry.on('escalation:failure', ({ error }) =>
      show(error.details?.ambiguous ? 'Your request may have reached support; we are checking.' : 'We could not reach support.'),
    ),
  ];
  return () => stops.forEach((stop) => stop());
}
