// In the browser: the option relays to the server option with the same id.
import 'reflect-metadata';
import { createRegistry, relay } from '@pillar/escalation-core';

export const registry = createRegistry([
  {
    id: 'ticket',
    label: 'Open a ticket',
    icon: 'mail',
    adapter: relay({ endpoint: '/api/escalation' }),
  },
]);

// A different id on the server, a relay on another origin, a CSRF header:
export const crossOrigin = relay({
  endpoint: 'https://support-api.example.com/api/escalation',
  optionId: 'zendesk-ticket',
  credentials: 'include',
  headers: () => ({ 'X-CSRF-Token': document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '' }),
});
