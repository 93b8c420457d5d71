import { fill, statusLocale, statusStrings, type StatusLocale, type StatusStrings } from './messages';
import type { EscalationStatusView, LifecycleState } from './types';

/** Provider names by the first part of an adapter kind (`zendesk-ticket` → Zendesk). */
const BRANDS: Readonly<Record<string, string>> = {
  intercom: 'Intercom',
  zendesk: 'Zendesk',
  freshdesk: 'Freshdesk',
  calendly: 'Calendly',
};

/**
 * The name shown for a provider: the app's `names` by option id, then by kind, then the brand
 * of the kind (`intercom-messenger` → `Intercom`), then the option's label, then the option id.
 */
export function providerName(optionId: string, kind: string | undefined, label: string | undefined, names?: Readonly<Record<string, string>>): string {
  const own = names?.[optionId] ?? (kind === undefined ? undefined : names?.[kind]);
  if (own) return own;
  const brand = kind === undefined ? undefined : BRANDS[kind.split('-')[0]!];
  return brand ?? label ?? optionId;
}

/**
 * An email, partially masked for the screen: the first three characters of the local part
 * and nothing of the domain (`ada@example.com` → `ada@…`, `ada.lovelace@example.com` →
 * `ada…@…`). `undefined` for anything that is not an email.
 */
export function maskEmail(email: string | undefined | null): string | undefined {
  if (typeof email !== 'string') return undefined;
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return undefined;
  const local = [...email.slice(0, at)];
  return `${local.slice(0, 3).join('')}${local.length > 3 ? '…' : ''}@…`;
}

/** The texts of one status, ready to show. */
export interface StatusMessage {
  /** The panel's heading. */
  heading: string;
  /** The main sentence (what happened, or the latest lifecycle state). */
  text: string;
  /** A second sentence: the delivery under a lifecycle state, what was used instead, what to do. */
  detail?: string;
  /** For styling: `info`, `success`, `warning` or `error`. */
  tone: 'info' | 'success' | 'warning' | 'error';
  /** A failure the user must act on: announced assertively. */
  urgent: boolean;
}

const LIFECYCLE_KEYS: Record<LifecycleState, keyof StatusStrings> = {
  created: 'lifeCreated',
  assigned: 'lifeAssigned',
  agent_replied: 'lifeReplied',
  waiting_on_user: 'lifeWaiting',
  solved: 'lifeSolved',
  closed: 'lifeClosed',
  booked: 'lifeBooked',
  canceled: 'lifeCanceled',
};

/** Options of {@link statusMessage}. */
export interface StatusMessageOptions {
  /** Your texts over the built-in ones of the view's locale. */
  strings?: Partial<StatusStrings>;
}

/**
 * The wording of a status view, in its locale. Honest by construction: a widget "opened" never
 * reads as delivered, a prefilled community post is "not posted until you send it", a ticket is
 * named only with its reference, "may exist" never says "failed".
 */
export function statusMessage(view: EscalationStatusView, options: StatusMessageOptions = {}): StatusMessage {
  const s = statusStrings(view.locale, options.strings);
  const heading = s.heading;
  const provider = view.provider;
  const why = (code: string) => s.why[code as keyof StatusStrings['why']] ?? s.why.other;
  switch (view.phase) {
    case 'working': {
      const detail = view.fallback ? fill(s.fellBack, { from: view.fallback.fromProvider, to: view.fallback.toProvider, why: why(view.fallback.code) }) : undefined;
      return { heading, text: fill(s.workingProvider, { provider }), ...(detail ? { detail } : {}), tone: 'info', urgent: false };
    }
    case 'failed':
      return { heading, text: fill(s.failed, { provider, why: why(view.error?.code ?? 'other') }), detail: s.failedHint, tone: 'error', urgent: true };
    case 'may-exist':
      if (view.lifecycle) break;
      return { heading, text: s.mayExist, detail: s.mayExistHint, tone: 'warning', urgent: false };
    case 'unavailable': {
      const when = view.opensAt ? formatOpening(view.opensAt, view.locale, view.timeZone) : undefined;
      const text = when ? fill(s.closedUntil, { provider, when }) : view.error?.code === 'NOT_ALLOWED' && view.opensAt === null ? fill(s.notAllowed, { provider }) : fill(s.closedUnknown, { provider });
      return { heading, text, tone: 'warning', urgent: true };
    }
    default:
      break;
  }
  const delivered = deliveryText(view, s);
  const fellBack = view.fallback ? fill(s.fellBack, { from: view.fallback.fromProvider, to: view.fallback.toProvider, why: why(view.fallback.code) }) : undefined;
  // `created` says what the delivery already said, less precisely: the delivery's words stay.
  if (view.lifecycle && !(view.lifecycle === 'created' && delivered)) {
    const key = view.lifecycle === 'agent_replied' && view.delivery === 'opened' ? 'lifeRepliedThere' : LIFECYCLE_KEYS[view.lifecycle];
    const text = fill(s[key] as string, { provider });
    const tone = view.lifecycle === 'solved' || view.lifecycle === 'booked' ? 'success' : view.lifecycle === 'canceled' ? 'warning' : 'info';
    return { heading, text, ...(delivered && delivered !== text ? { detail: delivered } : {}), tone, urgent: false };
  }
  return { heading, text: delivered ?? fill(s.linkOpened, { provider }), ...(fellBack ? { detail: fellBack } : {}), tone: view.fallback ? 'warning' : 'success', urgent: false };
}

/** What the delivery itself was, in words (`undefined` before one). */
function deliveryText(view: EscalationStatusView, s: StatusStrings): string | undefined {
  const provider = view.provider;
  const kind = view.kind ?? '';
  if (view.delivery === undefined && view.phase !== 'may-exist') return undefined;
  if (kind.startsWith('calendly')) return fill(view.delivery === 'redirected' ? s.scheduleTab : s.scheduleOpened, { provider });
  if (kind.startsWith('community')) return fill(s.communityOpened, { provider });
  if (view.delivery === 'opened') return fill(s.opened, { provider });
  if (view.delivery === 'redirected') return fill(s.linkOpened, { provider });
  const ref = view.reference?.id?.replace(/^#/, '');
  const email = view.replyTo;
  if (ref && /ticket|request/.test(kind)) return fill(email ? s.ticketTo : s.ticketProvider, { ref, email, provider });
  return fill(email ? s.requestTo : s.requestProvider, { email, provider });
}

/** "Monday 09:00 EST", in the locale and the time zone (the browser's when none). */
export function formatOpening(at: Date, locale: StatusLocale | string, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'long', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, timeZone ? { ...options, timeZone } : options).format(at);
  } catch {
    // An unknown zone: the browser's own.
    return new Intl.DateTimeFormat(locale, options).format(at);
  }
}

/** The first of the tags that names a supported locale (the app's choice, the user's, the browser's), else `en`. */
export function pickLocale(...tags: Array<string | undefined | null>): StatusLocale {
  for (const tag of tags) {
    const language = typeof tag === 'string' ? tag.trim().toLowerCase().split(/[-_]/)[0] : '';
    if (language && statusLocale(language) === language) return language as StatusLocale;
  }
  return 'en';
}
