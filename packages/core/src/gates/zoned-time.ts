/**
 * The local wall-clock reading of an instant in an IANA time zone, through `Intl` only
 * (no timezone library): one cached `Intl.DateTimeFormat` per zone, so reading is cheap.
 */
export interface WallClock {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  /** 0..23 */
  hour: number;
  /** 0..59 */
  minute: number;
  /** 0..59 */
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The cached formatter for a zone. Throws the runtime's `RangeError` for a zone it does not
 * know; unknown zones are never cached.
 */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23: midnight is 00, never 24 (hour12: false gives "24" on some ICU versions).
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Reads the wall clock of `epochMs` in the zone of `formatter`. */
export function wallClock(formatter: Intl.DateTimeFormat, epochMs: number): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter.formatToParts(epochMs)) {
    switch (part.type) {
      case 'year':
        clock.year = Number(part.value);
        break;
      case 'month':
        clock.month = Number(part.value);
        break;
      case 'day':
        clock.day = Number(part.value);
        break;
      case 'hour':
        // Defensive: some engines still print 24 for midnight.
        clock.hour = Number(part.value) % 24;
        break;
      case 'minute':
        clock.minute = Number(part.value);
        break;
      case 'second':
        clock.second = Number(part.value);
        break;
      default:
        break;
    }
  }
  return clock;
}

/** The wall clock as if it were UTC, in ms: lets us do calendar arithmetic with `Date.UTC`. */
export function wallMs(clock: WallClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
}

/** The zone's UTC offset at `epochMs`, in ms (local = UTC + offset). */
export function offsetAt(formatter: Intl.DateTimeFormat, epochMs: number): number {
  const wholeSecond = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return wallMs(wallClock(formatter, wholeSecond)) - wholeSecond;
}
