import { createRegistry } from '@pillar/escalation-core';
import { intercomConversation, intercomTicket } from '@pillar/escalation-intercom/server';

// Server only: the access token acts for your whole workspace.
const accessToken = process.env.INTERCOM_ACCESS_TOKEN ?? '';

export const serverRegistry = createRegistry([
  {
    id: 'message',
    label: 'Message support',
    adapter: intercomConversation({ accessToken, region: 'eu' }),
    fallback: ['ticket'],
  },
  {
    id: 'ticket',
    label: 'Open a ticket',
    adapter: intercomTicket({
      accessToken,
      region: 'eu',
      ticketTypeId: '88', // Settings → Tickets → Ticket types, or GET /ticket_types
      identifyBy: 'email', // let Intercom create the contact when it does not know the user yet
      // Attributes of your ticket type, by name.
      attributes: (context) => ({ plan: context.user?.plan ?? null }),
    }),
  },
]);
