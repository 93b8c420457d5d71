/** `Intl.DateTimeFormat`s by locale, zone and style: building one costs far more than using it. */
const FORMATS = new Map<string, Intl.DateTimeFormat | null>();

function formatter(locale: string, timeZone: string, withDate: boolean): Intl.DateTimeFormat | null {
  const key = `${locale}\u0000${timeZone}\u0000${withDate ? 'd' : 't'}`;
  let format = FORMATS.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(locale, withDate ? { dateStyle: 'medium', timeStyle: 'short', timeZone } : { timeStyle: 'short', timeZone });
    } catch {
      format = null; // an unknown zone: the caller shows UTC
    }
    if (FORMATS.size >= 256) FORMATS.clear();
    FORMATS.set(key, format);
  }
  return format;
}

/**
 * An instant in the agent's locale, in UTC, with the user's local time beside it when their
 * zone is known and is not UTC: `7 Dec 2026, 10:03 UTC · 11:03 Europe/Paris`. `undefined` when
 * `iso` is not a date.
 * @internal
 */
export function formatInstant(iso: unknown, locale: string, userZone: string | undefined, withDate = true): string | undefined {
  if (typeof iso !== 'string' || iso.length > 64) return undefined;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const utc = formatter(locale, 'UTC', withDate);
  if (!utc) return undefined;
  const base = `${utc.format(ms)} UTC`;
  if (userZone === undefined || userZone === 'UTC' || userZone === 'Etc/UTC') return base;
  const local = formatter(locale, userZone, false);
  return local ? `${base} · ${local.format(ms)} ${userZone}` : base;
}

/**
 * The user's local date and time of an instant, in the agent's locale: `7 Dec 2026, 11:03
 * (Europe/Paris)`, or in UTC when the zone is unknown.
 * @internal
 */
export function formatLocal(iso: string, locale: string, userZone: string | undefined): string | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const zone = userZone ?? 'UTC';
  const format = formatter(locale, zone, true) ?? formatter(locale, 'UTC', true);
  if (!format) return undefined;
  return `${format.format(ms)} (${zoneOf(format) === zone ? zone : 'UTC'})`;
}

/** Each format's resolved zone, read once (`resolvedOptions()` builds a new object each call). */
const ZONES = new WeakMap<Intl.DateTimeFormat, string>();
function zoneOf(format: Intl.DateTimeFormat): string {
  let zone = ZONES.get(format);
  if (zone === undefined) ZONES.set(format, (zone = format.resolvedOptions().timeZone));
  return zone;
}
