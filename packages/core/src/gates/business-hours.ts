import type { EscalationContext } from '../context/types';
import { EscalationError } from '../errors';
import { offsetAt, wallClock, wallMs, zoneFormatter } from './zoned-time';

/** Weekday keys of `BusinessHoursSpec.weekly`, Monday first. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** All weekday keys, Monday first. */
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * `[start, end]` as local `HH:MM` (two digits each). The start is included, the end is not.
 * An end at or before the start spans midnight and belongs to the day it starts.
 * `24:00` may end a span, never start one.
 */
export type BusinessHoursSpan = readonly [start: string, end: string];

/** When humans are available, in one IANA time zone. */
export interface BusinessHoursSpec {
  /** IANA time zone the spans are read in, e.g. `America/New_York`. */
  timeZone: string;
  /** Spans per weekday; a missing or empty day is closed. */
  weekly: Partial<Record<Weekday, readonly BusinessHoursSpan[]>>;
  /** Local dates (`YYYY-MM-DD`) on which no span starts. */
  holidays?: readonly string[];
}

/** The gate made by `businessHours()`: synchronous, and it keeps its (validated, frozen) spec. */
export type BusinessHoursGate = ((context: EscalationContext, at: Date) => boolean) & {
  /** The spec it was made from, validated and frozen (`connectPillar`'s tool reads its `timeZone` to word the next opening). */
  readonly spec: Readonly<BusinessHoursSpec>;
};

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** How far `nextOpening` looks ahead. */
const LOOKAHEAD_MS = 14 * DAY_MS;
/** `nextOpening` never steps further than this without re-reading the zone offset. */
const MAX_STEP_MS = DAY_MS;
/** The last instant a `Date` can hold. */
const MAX_DATE_MS = 8.64e15;

/** `Date#getUTCDay()` index (0 = Sunday) of each weekday key. */
const DAY_INDEX: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** The spec turned into numbers once, at construction, so evaluation does no parsing. */
interface CompiledHours {
  formatter: Intl.DateTimeFormat;
  /** By day index (0 = Sunday): `[startMinute, endMinute]`; `end <= start` spans midnight. */
  spans: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
  /** By day index: span starts in minutes, ascending (for `nextOpening`). */
  starts: ReadonlyArray<readonly number[]>;
  /** By day index: how many minutes after midnight that day's overnight spans reach into the next day. */
  tails: readonly number[];
  /** Holidays as days since the epoch. */
  holidays: ReadonlySet<number>;
}

const compiledGates = new WeakMap<object, CompiledHours>();

function configError(field: string, message: string): EscalationError {
  return new EscalationError('CONFIGURATION', `businessHours: ${field} ${message}`, { details: { field } });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const TIME = /^(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `HH:MM` → minutes after midnight (0..1440), or an error naming the field. */
function parseTime(value: unknown, field: string, isStart: boolean): number {
  if (typeof value !== 'string') throw configError(field, `is not HH:MM (got ${describe(value)})`);
  const match = TIME.exec(value);
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  if (!match || hours > 24 || minutes > 59 || (hours === 24 && minutes !== 0)) {
    throw configError(field, `"${value}" is not HH:MM (00:00 to 23:59, or 24:00 as an end)`);
  }
  if (hours === 24 && isStart) throw configError(field, `"24:00" may end a span, not start one`);
  return hours * 60 + minutes;
}

/** `YYYY-MM-DD` (a real calendar date) → days since the epoch. */
function parseDate(value: unknown, field: string): number {
  if (typeof value !== 'string') throw configError(field, `is not a YYYY-MM-DD date (got ${describe(value)})`);
  const match = DATE.exec(value);
  if (!match) throw configError(field, `"${value}" is not a YYYY-MM-DD date`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // Date rolls 2026-02-30 over to March: a real date reads back unchanged.
  if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw configError(field, `"${value}" is not a real date`);
  }
  return Math.floor(date.getTime() / DAY_MS);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

const SPEC_FIELDS = new Set(['timeZone', 'weekly', 'holidays']);

/** Validates a spec and turns it into numbers, or throws a CONFIGURATION error naming the field. */
function compile(spec: unknown): { compiled: CompiledHours; frozen: Readonly<BusinessHoursSpec> } {
  if (!isPlainObject(spec)) {
    throw new EscalationError('CONFIGURATION', `businessHours: expected { timeZone, weekly, holidays? }, got ${describe(spec)}`);
  }
  for (const key of Object.keys(spec)) {
    if (!SPEC_FIELDS.has(key)) throw configError(key, 'is not a known field (expected timeZone, weekly, holidays)');
  }

  const { timeZone, weekly, holidays } = spec;
  if (typeof timeZone !== 'string' || timeZone.trim() === '') {
    throw configError('timeZone', `must be an IANA time zone name such as "America/New_York" (got ${describe(timeZone)})`);
  }
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = zoneFormatter(timeZone);
  } catch (cause) {
    throw new EscalationError('CONFIGURATION', `businessHours: timeZone "${timeZone}" is not an IANA time zone this runtime knows`, {
      details: { field: 'timeZone' },
      cause,
    });
  }

  if (!isPlainObject(weekly)) throw configError('weekly', `must be an object keyed by mon..sun (got ${describe(weekly)})`);
  const spans: Array<Array<readonly [number, number]>> = [[], [], [], [], [], [], []];
  const frozenWeekly: Partial<Record<Weekday, readonly BusinessHoursSpan[]>> = {};
  let spanCount = 0;
  for (const [key, daySpans] of Object.entries(weekly)) {
    if (!(WEEKDAYS as readonly string[]).includes(key)) {
      throw configError(`weekly.${key}`, `is not a weekday key (use ${WEEKDAYS.join(', ')})`);
    }
    if (daySpans === undefined) continue;
    const field = `weekly.${key}`;
    if (!Array.isArray(daySpans)) throw configError(field, `must be an array of [start, end] spans (got ${describe(daySpans)})`);
    const dayIndex = DAY_INDEX[key as Weekday];
    const kept: BusinessHoursSpan[] = [];
    daySpans.forEach((span: unknown, i: number) => {
      const spanField = `${field}[${i}]`;
      if (!Array.isArray(span) || span.length !== 2) {
        throw configError(spanField, `must be a [start, end] pair such as ["09:00", "17:00"] (got ${describe(span)})`);
      }
      const start = parseTime(span[0], `${spanField}[0]`, true);
      const end = parseTime(span[1], `${spanField}[1]`, false);
      // An equal start and end could mean "closed" or "24 hours": refuse to guess.
      if (start === end) {
        throw configError(spanField, `starts and ends at "${span[0]}", which is ambiguous; for a whole day use ["00:00", "24:00"]`);
      }
      spans[dayIndex]!.push([start, end]);
      kept.push(Object.freeze([span[0], span[1]] as const));
    });
    spanCount += kept.length;
    frozenWeekly[key as Weekday] = Object.freeze(kept);
  }
  if (spanCount === 0) {
    throw configError('weekly', 'has no spans, so the hours would never be open (a gate `() => false` says that explicitly)');
  }

  const holidayDays = new Set<number>();
  let frozenHolidays: readonly string[] | undefined;
  if (holidays !== undefined) {
    if (!Array.isArray(holidays)) throw configError('holidays', `must be an array of YYYY-MM-DD dates (got ${describe(holidays)})`);
    holidays.forEach((value: unknown, i: number) => holidayDays.add(parseDate(value, `holidays[${i}]`)));
    frozenHolidays = Object.freeze([...(holidays as string[])]);
  }

  const compiled: CompiledHours = {
    formatter,
    spans,
    starts: spans.map((day) => [...new Set(day.map(([start]) => start))].sort((a, b) => a - b)),
    tails: spans.map((day) => day.reduce((tail, [start, end]) => (end <= start ? Math.max(tail, end) : tail), 0)),
    holidays: holidayDays,
  };
  const frozen: BusinessHoursSpec = { timeZone, weekly: Object.freeze(frozenWeekly) };
  if (frozenHolidays !== undefined) frozen.holidays = frozenHolidays;
  return { compiled, frozen: Object.freeze(frozen) };
}

/** Day index (0 = Sunday) of a day counted from the epoch (1970-01-01 was a Thursday). */
function dayIndexOf(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/** Whether the wall clock of `epochMs` falls in a span. */
function openAt(hours: CompiledHours, epochMs: number): boolean {
  const clock = wallClock(hours.formatter, epochMs);
  const minute = clock.hour * 60 + clock.minute;
  const today = Math.floor(Date.UTC(clock.year, clock.month - 1, clock.day) / DAY_MS);
  const weekday = dayIndexOf(today);
  if (!hours.holidays.has(today)) {
    for (const [start, end] of hours.spans[weekday]!) {
      if (minute >= start && (end <= start || minute < end)) return true;
    }
  }
  // The early hours may belong to an overnight span that started yesterday (unless yesterday was a holiday).
  const yesterday = today - 1;
  return minute < hours.tails[dayIndexOf(yesterday)]! && !hours.holidays.has(yesterday);
}

/** The first span start strictly after a wall-clock reading (as `wallMs`), skipping holidays. */
function nextStartAfter(hours: CompiledHours, wall: number): number | null {
  const firstDay = Math.floor(wall / DAY_MS);
  for (let day = firstDay; day <= firstDay + 15; day++) {
    if (hours.holidays.has(day)) continue;
    for (const start of hours.starts[dayIndexOf(day)]!) {
      const candidate = day * DAY_MS + start * MINUTE_MS;
      if (candidate > wall) return candidate;
    }
  }
  return null;
}

/** The first instant in `(from, to]` whose offset differs from `offset` (there is one: the caller checked `to`). */
function offsetChange(hours: CompiledHours, from: number, to: number, offset: number): number {
  let lo = from;
  let hi = to;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(hours.formatter, mid) === offset) lo = mid;
    else hi = mid;
  }
  return hi;
}

function checkInstant(at: unknown, caller: string): number {
  const ms = at instanceof Date ? at.getTime() : NaN;
  if (Number.isNaN(ms)) {
    throw new EscalationError('CONFIGURATION', `${caller}: "at" must be a valid Date (got ${at instanceof Date ? 'Invalid Date' : describe(at)})`);
  }
  return ms;
}

function resolve(hours: BusinessHoursSpec | BusinessHoursGate, caller: string): CompiledHours {
  if (typeof hours === 'function') {
    const compiled = compiledGates.get(hours);
    if (compiled === undefined) {
      throw new EscalationError('CONFIGURATION', `${caller}: expected a businessHours() gate or a BusinessHoursSpec, got another function`);
    }
    return compiled;
  }
  return compile(hours).compiled;
}

/**
 * A gate that is open during the given hours, read on the wall clock of `spec.timeZone`.
 * The spec is validated here: a malformed one throws a `CONFIGURATION` `EscalationError`
 * naming the field (`businessHours: weekly.mon[1][0] "25:00" is not HH:MM ...`).
 *
 * Around DST changes the local reading of the instant decides: wall-clock times in the
 * spring-forward gap never occur, and times in the fall-back hour occur twice (open both times
 * if a span covers them).
 */
export function businessHours(spec: BusinessHoursSpec): BusinessHoursGate {
  const { compiled, frozen } = compile(spec);
  const gate = ((_context: EscalationContext, at: Date) => openAt(compiled, checkInstant(at, 'businessHours'))) as BusinessHoursGate;
  Object.defineProperty(gate, 'spec', { value: frozen, enumerable: true });
  compiledGates.set(gate, compiled);
  return gate;
}

/** Whether `at` falls within the hours (a `businessHours()` gate or a spec, which is validated). */
export function isWithinBusinessHours(hours: BusinessHoursSpec | BusinessHoursGate, at: Date): boolean {
  const compiled = resolve(hours, 'isWithinBusinessHours');
  return openAt(compiled, checkInstant(at, 'isWithinBusinessHours'));
}

/**
 * The first instant at or after `at` when the hours are open: `at` itself when open now,
 * otherwise the start of the next span (or the instant a DST change moves the wall clock into
 * a span). Looks up to 14 days ahead; `null` when the hours do not open in that window
 * (e.g. a run of holidays).
 */
export function nextOpening(hours: BusinessHoursSpec | BusinessHoursGate, at: Date): Date | null {
  const compiled = resolve(hours, 'nextOpening');
  const start = checkInstant(at, 'nextOpening');
  // Every instant read stays within the range of Date (formatToParts throws beyond it).
  const limit = Math.min(start + LOOKAHEAD_MS, MAX_DATE_MS - 1);
  let cursor = start;
  while (cursor <= limit) {
    if (openAt(compiled, cursor)) return new Date(cursor);
    const offset = offsetAt(compiled.formatter, cursor);
    const wall = cursor + offset;
    const nextStart = nextStartAfter(compiled, wall);
    // Re-read the offset at least daily, so no DST change is stepped over unseen.
    const target = Math.min(nextStart === null ? Infinity : nextStart - offset, cursor + MAX_STEP_MS, limit + 1);
    cursor = offsetAt(compiled.formatter, target) === offset ? target : offsetChange(compiled, cursor, target, offset);
  }
  return null;
}
