import { EscalationError, type EscalationContext } from '@pillar/escalation-core';
import type { IntercomContactLookup } from './contacts';

/**
 * Who the user is for Intercom: `user.id` as the contact's `external_id` and `user.email`.
 * Without either, Intercom cannot tell whose conversation it is: `INVALID_CONTEXT`.
 */
export function contactLookup(context: EscalationContext, adapter: string): IntercomContactLookup {
  const id = context.user?.id?.trim();
  const email = context.user?.email?.trim();
  if (!id && !email) {
    throw new EscalationError(
      'INVALID_CONTEXT',
      `${adapter}: Intercom needs to know who is asking: set user.id (the contact's external_id) or user.email in the context`,
      { details: { paths: ['user.id', 'user.email'] } },
    );
  }
  const lookup: IntercomContactLookup = {};
  if (id) lookup.external_id = id;
  if (email) lookup.email = email;
  const name = context.user?.name?.trim();
  if (name) lookup.name = name;
  return lookup;
}
