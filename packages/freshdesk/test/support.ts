import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { EscalationContext } from '@pillar/escalation-core';
import schema from './ticket-create.schema.json';

/** A billing conversation with markup typed by the user, a full user and a page. */
export function billingContext(): EscalationContext {
  return {
    conversationId: 'conv_123',
    messages: [
      { role: 'user', content: 'How do I export my invoices to CSV?', createdAt: '2026-11-24T09:30:00.000Z' },
      { role: 'assistant', content: 'Go to Billing → Invoices and click Export.', createdAt: '2026-11-24T09:30:05.000Z' },
      { role: 'user', content: 'There is no Export button <b>anywhere</b> & I need them today.', createdAt: '2026-11-24T09:31:00.000Z' },
    ],
    user: { id: 'u_42', name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro' },
    page: { url: 'https://app.example.com/billing?tab=invoices', title: 'Billing' },
    reason: 'billing',
    metadata: { accountId: 'acct_9' },
  };
}

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The schema's errors for a ticket-create body, or `[]` when it is valid. */
export function ticketSchemaErrors(body: unknown): string[] {
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
