import type { BusinessHoursSpec } from '@pillar/escalation-core';

/** When the support team answers chats: the gate of "Talk to Support", and `not(...)` of "Leave a message". */
export const SUPPORT_HOURS: BusinessHoursSpec = {
  timeZone: 'America/New_York',
  weekly: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
};

export const SUPPORT_HOURS_LABEL = 'Mon–Fri 09:00–17:00, New York time';

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

function wallParts(at: Date, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return parts;
}

/** `YYYY-MM-DDTHH:MM` as a wall clock in `timeZone` shows it at `at` (the value of a datetime-local input). */
export function toWallTime(at: Date, timeZone: string): string {
  const p = wallParts(at, timeZone);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The instant at which a wall clock in `timeZone` reads `wall` (`YYYY-MM-DDTHH:MM`), or
 * `undefined` for a malformed value. In a DST gap the later offset wins, which is what
 * people mean by "2:30" on that night.
 */
export function fromWallTime(wall: string, timeZone: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(asUtc)) return undefined;
  let guess = asUtc;
  // Two rounds settle the offset (it can differ between the guess and the answer near a DST change).
  for (let round = 0; round < 2; round++) {
    const p = wallParts(new Date(guess), timeZone);
    const shown = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    guess = asUtc - (shown - guess);
  }
  return new Date(guess);
}
