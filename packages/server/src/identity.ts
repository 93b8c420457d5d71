import { EscalationError, isEscalationError, parseContext, type EscalationContext, type EscalationUser } from '@pillar/escalation-core';

/**
 * Who sent the request, as the server knows it (a session, a verified token): `null` or
 * `undefined` for an anonymous visitor. Only what it returns reaches the gates.
 */
export type Identify = (request: Request) => EscalationUser | null | undefined | Promise<EscalationUser | null | undefined>;

/** What the browser may state about the user: contact and display details, never what gates decide on. */
const CLAIMABLE = ['name', 'email', 'locale', 'timeZone'] as const;

/**
 * Checks what `identify` returned with the same rules as the browser's context (a bug there is
 * a `CONFIGURATION` error: the server's fault, answered 500).
 */
export function checkIdentity(user: unknown): EscalationUser | null {
  if (user === null || user === undefined) return null;
  let parsed: EscalationUser;
  try {
    parsed = parseContext({ conversationId: null, messages: [], user }).user ?? {};
  } catch (error) {
    const why = isEscalationError(error) ? error.message : 'it could not be read';
    throw new EscalationError('CONFIGURATION', `createEscalationHandler: identify returned an invalid user: ${why}`, { cause: error });
  }
  // The context is lenient with what a browser adds (a value it cannot use is dropped or
  // cleaned); what the server itself says about the user must be right as it is.
  const given = user as Record<string, unknown>;
  for (const field of STRICT_FIELDS) {
    if (given[field] !== undefined && parsed[field] !== given[field]) {
      throw new EscalationError('CONFIGURATION', `createEscalationHandler: identify returned an invalid user: user.${field} ${JSON.stringify(given[field])} is not a valid ${field}`);
    }
  }
  return parsed;
}

/** The user fields `identify` must get right: gates and providers use them as they are. */
const STRICT_FIELDS = ['id', 'email', 'name', 'plan', 'role', 'locale', 'timeZone'] as const;

/**
 * The context as the server trusts it: `plan`, `role`, `attributes` and `id` come only from
 * `identify` (a browser cannot claim a plan or role it does not have); `name`, `email`,
 * `locale` and `timeZone` come from `identify` when it gives them, else from the browser as
 * contact details. Anonymous (`null`): the browser's contact details only.
 *
 * It sets `context.user` in place: `context` must be the fresh copy `parseContext` returned,
 * which nothing else holds (copying the whole context again costs every escalation).
 */
export function serverContext(context: EscalationContext, identity: EscalationUser | null): EscalationContext {
  const claimed = context.user;
  const user: EscalationUser = {};
  if (claimed) for (const field of CLAIMABLE) if (claimed[field] !== undefined) user[field] = claimed[field];
  if (identity) {
    for (const field of ['id', 'name', 'email', 'plan', 'role', 'locale', 'timeZone'] as const) {
      if (identity[field] !== undefined) user[field] = identity[field];
    }
    if (identity.attributes !== undefined) user.attributes = identity.attributes;
  }
  for (const _ in user) {
    context.user = user;
    return context;
  }
  if (context.user === undefined) return context;
  // Rare (a user object with nothing the browser may claim): a copy without it.
  const { user: _dropped, ...rest } = context;
  return rest;
}

/** Whom a request counts for: the identified user, else the client address. */
export function subjectOf(identity: EscalationUser | null, address: string | undefined): string {
  const who = identity?.id ?? identity?.email;
  if (who !== undefined) return `user:${who}`;
  return `addr:${address ?? 'unknown'}`;
}
