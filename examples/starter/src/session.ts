// session.ts: a stand-in for your app's sign-in. Replace it with your session store or token check.
import type { EscalationUser } from '@pillar/escalation-core';

/** The session cookie's name. */
export const SESSION_COOKIE = 'starter_session';

/** Two sample accounts: one on the free plan, one on pro. */
export const USERS: Readonly<Record<string, EscalationUser>> = {
  u_free: { id: 'u_free', name: 'Ada Lovelace', email: 'ada@example.com', plan: 'free' },
  u_pro: { id: 'u_pro', name: 'Grace Hopper', email: 'grace@example.com', plan: 'pro' },
};

/** The signed-in user, from the request's `Cookie` header; `null` when nobody is signed in. */
export function currentUser(cookieHeader: string | null | undefined): EscalationUser | null {
  for (const pair of (cookieHeader ?? '').split(';')) {
    const [name, value] = pair.trim().split('=');
    if (name === SESSION_COOKIE && value !== undefined && Object.hasOwn(USERS, value)) return USERS[value] ?? null;
  }
  return null;
}

/** The `Set-Cookie` header that signs this user in (HTTP-only, this site only). */
export function sessionCookie(userId: keyof typeof USERS): string {
  return `${SESSION_COOKIE}=${userId}; Path=/; HttpOnly; SameSite=Lax`;
}
