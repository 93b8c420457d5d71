import type { EscalationUser } from '@pillar/escalation-core';

/** The two people the demo can be signed in as. */
export type DemoUserId = 'free' | 'admin';

export const DEMO_USER_IDS: readonly DemoUserId[] = ['free', 'admin'];

/** What the app knows about each of them (a real app reads this from its session). */
export const DEMO_USERS: Readonly<Record<DemoUserId, { label: string; user: EscalationUser }>> = {
  free: {
    label: 'Free user',
    user: { id: 'user_sam', name: 'Sam Rivera', email: 'sam@example.com', plan: 'free', role: 'member', locale: 'en-US' },
  },
  admin: {
    label: 'Paying admin',
    user: { id: 'user_ada', name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro', role: 'admin', locale: 'en-GB' },
  },
};

/** The cookie the page sets when you switch users; the demo server's `identify` reads it. */
export const USER_COOKIE = 'demo_user';

/**
 * The cookie that carries the clock override: milliseconds from the real time to the demo's
 * "now" (an integer). The override runs on from the time set, so durations (the time since a
 * click) stay real. Absent means the real time.
 */
export const CLOCK_OFFSET_COOKIE = 'demo_clock_offset';

/** The offset in a cookie value, or `undefined` when there is none or it is not an integer. */
export function parseClockOffset(value: string | undefined): number | undefined {
  return value !== undefined && /^-?\d{1,15}$/.test(value) ? Number(value) : undefined;
}

export function isDemoUserId(value: unknown): value is DemoUserId {
  return value === 'free' || value === 'admin';
}

/** Reads one cookie from a `Cookie` header (or `document.cookie`). */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
