import fc from 'fast-check';
import {
  businessHours,
  EscalationError,
  isWithinBusinessHours,
  nextOpening,
  type BusinessHoursSpec,
  type EscalationContext,
} from '@pillar/escalation-core';

const context: EscalationContext = { conversationId: null, messages: [] };
const at = (iso: string): Date => new Date(iso);
const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** Asserts a CONFIGURATION EscalationError whose message contains `message`. */
function expectConfiguration(run: () => unknown, message: string): EscalationError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(EscalationError);
  const error = thrown as EscalationError;
  expect(error.code).toBe('CONFIGURATION');
  expect(error.message).toContain(message);
  return error;
}

const officeNY: BusinessHoursSpec = {
  timeZone: 'America/New_York',
  weekly: {
    mon: [['09:00', '12:00'], ['13:00', '17:30']],
    tue: [['09:00', '17:30']],
    wed: [['09:00', '17:30']],
    thu: [['09:00', '17:30']],
    fri: [['09:00', '17:30']],
  },
};

describe('businessHours: spans', () => {
  const gate = businessHours(officeNY);

  // Monday 2026-03-09 is in EDT (UTC-4).
  it.each([
    ['2026-03-09T12:59:59.999Z', '08:59:59.999', false],
    ['2026-03-09T13:00:00Z', '09:00 (start is included)', true],
    ['2026-03-09T15:59:59Z', '11:59:59', true],
    ['2026-03-09T16:00:00Z', '12:00 (end is excluded)', false],
    ['2026-03-09T16:59:00Z', '12:59 (between split spans)', false],
    ['2026-03-09T17:00:00Z', '13:00 (second span)', true],
    ['2026-03-09T21:29:00Z', '17:29', true],
    ['2026-03-09T21:29:59.999Z', '17:29:59.999', true],
    ['2026-03-09T21:30:00Z', '17:30 (end is excluded)', false],
    ['2026-03-14T15:00:00Z', 'Saturday 11:00 (no spans)', false],
  ])('at %s (local %s) is open: %s', (instant, _local, open) => {
    expect(gate(context, at(instant))).toBe(open);
    expect(isWithinBusinessHours(officeNY, at(instant))).toBe(open);
  });

  it('answers synchronously and ignores the context', () => {
    const withUser: EscalationContext = { ...context, user: { timeZone: 'Asia/Tokyo' } };
    expect(gate(withUser, at('2026-03-09T13:00:00Z'))).toBe(true);
  });

  it('reads the wall clock of the zone, not of UTC (Asia/Kathmandu, +05:45)', () => {
    const kathmandu = businessHours({ timeZone: 'Asia/Kathmandu', weekly: { mon: [['09:00', '17:00']], tue: [['00:00', '01:00']] } });
    expect(kathmandu(context, at('2026-03-09T03:14:00Z'))).toBe(false); // Mon 08:59
    expect(kathmandu(context, at('2026-03-09T03:15:00Z'))).toBe(true); // Mon 09:00
    expect(kathmandu(context, at('2026-03-09T11:14:00Z'))).toBe(true); // Mon 16:59
    expect(kathmandu(context, at('2026-03-09T11:15:00Z'))).toBe(false); // Mon 17:00
    // Tuesday 00:00 local is still Monday in UTC.
    expect(kathmandu(context, at('2026-03-09T18:14:00Z'))).toBe(false); // Mon 23:59
    expect(kathmandu(context, at('2026-03-09T18:15:00Z'))).toBe(true); // Tue 00:00
    expect(kathmandu(context, at('2026-03-09T19:14:00Z'))).toBe(true); // Tue 00:59
    expect(kathmandu(context, at('2026-03-09T19:15:00Z'))).toBe(false); // Tue 01:00
  });

  it('lets 24:00 end a span at midnight, and 00:00 as an end means the same', () => {
    const late = businessHours({ timeZone: 'UTC', weekly: { fri: [['18:00', '24:00']], sat: [['20:00', '00:00']] } });
    expect(late(context, at('2026-03-13T23:59:00Z'))).toBe(true); // Fri 23:59
    expect(late(context, at('2026-03-14T00:00:00Z'))).toBe(false); // Sat 00:00
    expect(late(context, at('2026-03-14T23:59:59Z'))).toBe(true); // Sat 23:59:59
    expect(late(context, at('2026-03-15T00:00:00Z'))).toBe(false); // Sun 00:00
  });

  it('treats a whole day as ["00:00", "24:00"]', () => {
    const allDay = businessHours({ timeZone: 'Europe/Berlin', weekly: { sun: [['00:00', '24:00']] } });
    expect(allDay(context, at('2026-03-07T22:59:59Z'))).toBe(false); // Sat 23:59:59 CET
    expect(allDay(context, at('2026-03-07T23:00:00Z'))).toBe(true); // Sun 00:00 CET
    expect(allDay(context, at('2026-03-08T22:59:59Z'))).toBe(true); // Sun 23:59:59 CET
    expect(allDay(context, at('2026-03-08T23:00:00Z'))).toBe(false); // Mon 00:00 CET
  });

  it('unions overlapping spans', () => {
    const overlapping = businessHours({ timeZone: 'UTC', weekly: { mon: [['09:00', '12:00'], ['11:00', '14:00']] } });
    expect(overlapping(context, at('2026-03-09T11:30:00Z'))).toBe(true);
    expect(overlapping(context, at('2026-03-09T13:59:00Z'))).toBe(true);
    expect(overlapping(context, at('2026-03-09T14:00:00Z'))).toBe(false);
  });
});

describe('businessHours: overnight spans', () => {
  const nights = businessHours({ timeZone: 'America/New_York', weekly: { fri: [['22:00', '02:00']] } });

  // Friday 2026-03-13 and Saturday 2026-03-14 are in EDT (UTC-4).
  it.each([
    ['2026-03-13T04:30:00Z', 'Fri 00:30 (Thursday has no span)', false],
    ['2026-03-14T01:59:00Z', 'Fri 21:59', false],
    ['2026-03-14T02:00:00Z', 'Fri 22:00', true],
    ['2026-03-14T03:59:59Z', 'Fri 23:59:59', true],
    ['2026-03-14T04:00:00Z', 'Sat 00:00', true],
    ['2026-03-14T05:59:00Z', 'Sat 01:59', true],
    ['2026-03-14T06:00:00Z', 'Sat 02:00 (end is excluded)', false],
    ['2026-03-15T02:30:00Z', 'Sat 22:30 (the span belongs to Friday)', false],
    ['2026-03-15T04:30:00Z', 'Sun 00:30', false],
  ])('at %s (local %s) is open: %s', (instant, _local, open) => {
    expect(nights(context, at(instant))).toBe(open);
  });

  it('wraps from Sunday into Monday and from Saturday into Sunday', () => {
    const wrap = businessHours({ timeZone: 'UTC', weekly: { sun: [['23:00', '01:00']], sat: [['23:30', '00:30']] } });
    expect(wrap(context, at('2026-03-08T23:00:00Z'))).toBe(true); // Sun 23:00
    expect(wrap(context, at('2026-03-09T00:59:00Z'))).toBe(true); // Mon 00:59
    expect(wrap(context, at('2026-03-09T01:00:00Z'))).toBe(false); // Mon 01:00
    expect(wrap(context, at('2026-03-07T23:30:00Z'))).toBe(true); // Sat 23:30
    expect(wrap(context, at('2026-03-08T00:29:00Z'))).toBe(true); // Sun 00:29
    expect(wrap(context, at('2026-03-08T00:30:00Z'))).toBe(false); // Sun 00:30
  });

  it('keeps the longest tail when a day has several overnight spans', () => {
    const two = businessHours({ timeZone: 'UTC', weekly: { mon: [['20:00', '01:00'], ['23:00', '03:00']] } });
    expect(two(context, at('2026-03-10T02:59:00Z'))).toBe(true); // Tue 02:59
    expect(two(context, at('2026-03-10T03:00:00Z'))).toBe(false);
  });
});

describe('businessHours: holidays', () => {
  // 2026-12-25 is a Friday; December is EST (UTC-5).
  const spec: BusinessHoursSpec = {
    timeZone: 'America/New_York',
    weekly: {
      thu: [['09:00', '17:00'], ['22:00', '02:00']],
      fri: [['09:00', '17:00'], ['22:00', '02:00']],
      mon: [['09:00', '17:00']],
    },
    holidays: ['2026-12-25'],
  };
  const gate = businessHours(spec);

  it('drops the spans that start on a holiday', () => {
    expect(gate(context, at('2026-12-24T15:00:00Z'))).toBe(true); // Thu 10:00
    expect(gate(context, at('2026-12-25T15:00:00Z'))).toBe(false); // Fri 10:00, holiday
    expect(gate(context, at('2026-12-26T03:30:00Z'))).toBe(false); // Fri 22:30, holiday
  });

  it('keeps the early hours of an overnight span that started the day before the holiday', () => {
    expect(gate(context, at('2026-12-25T03:00:00Z'))).toBe(true); // Thu 22:00
    expect(gate(context, at('2026-12-25T05:00:00Z'))).toBe(true); // Fri 00:00, holiday
    expect(gate(context, at('2026-12-25T06:59:00Z'))).toBe(true); // Fri 01:59, holiday
    expect(gate(context, at('2026-12-25T07:00:00Z'))).toBe(false); // Fri 02:00
  });

  it('drops the early hours after a holiday when the overnight span started on the holiday', () => {
    expect(gate(context, at('2026-12-26T05:30:00Z'))).toBe(false); // Sat 00:30, Friday's span was a holiday
    expect(gate(context, at('2027-01-02T05:30:00Z'))).toBe(true); // next Sat 00:30
  });

  it('compares holidays with the local date, not the UTC date', () => {
    // Thu 2026-12-24 20:00 EST is already the 25th in UTC: still a working Thursday evening.
    const evening = businessHours({ ...spec, weekly: { thu: [['19:00', '21:00']] } });
    expect(evening(context, at('2026-12-25T01:00:00Z'))).toBe(true);
  });
});

describe('businessHours: daylight saving time', () => {
  describe('America/New_York, spring forward on Sunday 2026-03-08 (02:00 EST becomes 03:00 EDT at 07:00Z)', () => {
    it('never opens a span that lies inside the gap', () => {
      const gap = businessHours({ timeZone: 'America/New_York', weekly: { sun: [['02:00', '02:30']] } });
      for (let minute = 6 * 60; minute < 9 * 60; minute++) {
        const instant = new Date(Date.UTC(2026, 2, 8, 0, minute));
        expect(gap(context, instant)).toBe(false);
      }
      expect(iso(nextOpening(gap, at('2026-03-08T05:00:00Z')))).toBe('2026-03-15T06:00:00.000Z'); // next Sun 02:00 EDT
    });

    it('ends a span that runs into the gap when the clock jumps', () => {
      const gate = businessHours({ timeZone: 'America/New_York', weekly: { sun: [['01:30', '02:30']] } });
      expect(gate(context, at('2026-03-08T06:29:00Z'))).toBe(false); // 01:29 EST
      expect(gate(context, at('2026-03-08T06:30:00Z'))).toBe(true); // 01:30 EST
      expect(gate(context, at('2026-03-08T06:59:59Z'))).toBe(true); // 01:59:59 EST
      expect(gate(context, at('2026-03-08T07:00:00Z'))).toBe(false); // 03:00 EDT
    });

    it('opens a span that runs out of the gap at the jump', () => {
      const gate = businessHours({ timeZone: 'America/New_York', weekly: { sun: [['02:30', '03:30']] } });
      expect(gate(context, at('2026-03-08T06:59:00Z'))).toBe(false); // 01:59 EST
      expect(gate(context, at('2026-03-08T07:00:00Z'))).toBe(true); // 03:00 EDT
      expect(gate(context, at('2026-03-08T07:29:00Z'))).toBe(true); // 03:29 EDT
      expect(gate(context, at('2026-03-08T07:30:00Z'))).toBe(false); // 03:30 EDT
      expect(iso(nextOpening(gate, at('2026-03-08T06:00:00Z')))).toBe('2026-03-08T07:00:00.000Z');
    });

    it('reads spans after the change with the new offset', () => {
      const gate = businessHours({ timeZone: 'America/New_York', weekly: { sun: [['09:00', '10:00']] } });
      expect(gate(context, at('2026-03-08T12:59:00Z'))).toBe(false);
      expect(gate(context, at('2026-03-08T13:00:00Z'))).toBe(true); // 09:00 EDT
      expect(gate(context, at('2026-03-08T14:00:00Z'))).toBe(false); // 10:00 EDT
    });
  });

  describe('America/New_York, fall back on Sunday 2026-11-01 (02:00 EDT becomes 01:00 EST at 06:00Z)', () => {
    const repeated = businessHours({ timeZone: 'America/New_York', weekly: { sun: [['01:00', '01:30']] } });

    it('opens a span in the repeated hour both times', () => {
      expect(repeated(context, at('2026-11-01T04:59:00Z'))).toBe(false); // 00:59 EDT
      expect(repeated(context, at('2026-11-01T05:00:00Z'))).toBe(true); // 01:00 EDT
      expect(repeated(context, at('2026-11-01T05:29:00Z'))).toBe(true); // 01:29 EDT
      expect(repeated(context, at('2026-11-01T05:30:00Z'))).toBe(false); // 01:30 EDT
      expect(repeated(context, at('2026-11-01T06:00:00Z'))).toBe(true); // 01:00 EST
      expect(repeated(context, at('2026-11-01T06:29:00Z'))).toBe(true); // 01:29 EST
      expect(repeated(context, at('2026-11-01T06:30:00Z'))).toBe(false); // 01:30 EST
    });

    it('finds the second occurrence as the next opening', () => {
      expect(iso(nextOpening(repeated, at('2026-11-01T05:30:00Z')))).toBe('2026-11-01T06:00:00.000Z');
      expect(iso(nextOpening(repeated, at('2026-11-01T06:30:00Z')))).toBe('2026-11-08T06:00:00.000Z');
    });

    it('makes a span across the change one real hour longer', () => {
      const night = businessHours({ timeZone: 'America/New_York', weekly: { sun: [['00:00', '03:00']] } });
      expect(night(context, at('2026-11-01T04:00:00Z'))).toBe(true); // 00:00 EDT
      expect(night(context, at('2026-11-01T07:59:00Z'))).toBe(true); // 02:59 EST
      expect(night(context, at('2026-11-01T08:00:00Z'))).toBe(false); // 03:00 EST
    });
  });

  describe('Europe/Berlin, spring forward on Sunday 2026-03-29 (02:00 CET becomes 03:00 CEST at 01:00Z)', () => {
    it('never opens a span inside the gap and opens later spans on CEST', () => {
      const gate = businessHours({ timeZone: 'Europe/Berlin', weekly: { sun: [['02:00', '03:00'], ['09:00', '17:00']] } });
      expect(gate(context, at('2026-03-29T00:59:00Z'))).toBe(false); // 01:59 CET
      expect(gate(context, at('2026-03-29T01:00:00Z'))).toBe(false); // 03:00 CEST
      expect(gate(context, at('2026-03-29T06:59:00Z'))).toBe(false); // 08:59 CEST
      expect(gate(context, at('2026-03-29T07:00:00Z'))).toBe(true); // 09:00 CEST
      expect(iso(nextOpening(gate, at('2026-03-29T00:00:00Z')))).toBe('2026-03-29T07:00:00.000Z');
      expect(iso(nextOpening(gate, at('2026-03-29T15:00:00Z')))).toBe('2026-04-05T00:00:00.000Z'); // next Sun 02:00 CEST
    });
  });

  describe('Europe/Berlin, fall back on Sunday 2026-10-25 (03:00 CEST becomes 02:00 CET at 01:00Z)', () => {
    it('opens a span in the repeated hour both times', () => {
      const gate = businessHours({ timeZone: 'Europe/Berlin', weekly: { sun: [['02:00', '02:30']] } });
      expect(gate(context, at('2026-10-24T23:59:00Z'))).toBe(false); // 01:59 CEST
      expect(gate(context, at('2026-10-25T00:00:00Z'))).toBe(true); // 02:00 CEST
      expect(gate(context, at('2026-10-25T00:30:00Z'))).toBe(false); // 02:30 CEST
      expect(gate(context, at('2026-10-25T01:00:00Z'))).toBe(true); // 02:00 CET
      expect(gate(context, at('2026-10-25T01:29:00Z'))).toBe(true); // 02:29 CET
      expect(gate(context, at('2026-10-25T01:30:00Z'))).toBe(false); // 02:30 CET
      expect(iso(nextOpening(gate, at('2026-10-25T00:45:00Z')))).toBe('2026-10-25T01:00:00.000Z');
    });
  });
});

describe('nextOpening', () => {
  const gate = businessHours({ ...officeNY, holidays: ['2026-12-25'] });

  it('returns the same instant when the hours are open now', () => {
    const now = at('2026-03-09T14:15:30.250Z');
    const opening = nextOpening(gate, now);
    expect(opening).toEqual(now);
    expect(opening).not.toBe(now);
  });

  it.each([
    ['the lunch break', '2026-03-09T16:15:00Z', '2026-03-09T17:00:00.000Z'],
    ['early in the morning', '2026-03-10T10:00:00Z', '2026-03-10T13:00:00.000Z'],
    ['a second before opening', '2026-03-10T12:59:59Z', '2026-03-10T13:00:00.000Z'],
    ['exactly at closing', '2026-03-13T21:30:00Z', '2026-03-16T13:00:00.000Z'],
    ['the weekend', '2026-03-14T12:00:00Z', '2026-03-16T13:00:00.000Z'],
    ['the weekend DST starts (EST to EDT)', '2026-03-06T22:30:00Z', '2026-03-09T13:00:00.000Z'],
    ['the weekend DST ends (EDT to EST)', '2026-10-30T21:30:00Z', '2026-11-02T14:00:00.000Z'],
    ['a holiday and the weekend after it', '2026-12-24T22:30:00Z', '2026-12-28T14:00:00.000Z'],
  ])('skips %s', (_what, from, expected) => {
    expect(iso(nextOpening(gate, at(from)))).toBe(expected);
  });

  it('takes the spec as well as the gate, and the gate exposes its spec', () => {
    expect(iso(nextOpening(gate.spec, at('2026-12-24T22:30:00Z')))).toBe('2026-12-28T14:00:00.000Z');
    expect(iso(nextOpening({ ...officeNY }, at('2026-03-14T12:00:00Z')))).toBe('2026-03-16T13:00:00.000Z');
  });

  it('finds the early hours of an overnight span that started before a holiday', () => {
    const nights = businessHours({ timeZone: 'UTC', weekly: { thu: [['22:00', '02:00']] }, holidays: ['2026-12-24'] });
    // Thursday the 24th is a holiday, so its 22:00 span never starts; the next is a week later.
    expect(iso(nextOpening(nights, at('2026-12-24T12:00:00Z')))).toBe('2026-12-31T22:00:00.000Z');
    // Friday 01:00 after a working Thursday evening is already open.
    expect(iso(nextOpening(nights, at('2027-01-01T01:00:00Z')))).toBe('2027-01-01T01:00:00.000Z');
  });

  it('looks 14 days ahead, inclusive, and answers null beyond', () => {
    const mondays = businessHours({ timeZone: 'UTC', weekly: { mon: [['09:00', '10:00']] }, holidays: ['2026-03-09', '2026-03-16'] });
    expect(iso(nextOpening(mondays, at('2026-03-09T09:00:00Z')))).toBe('2026-03-23T09:00:00.000Z');
    expect(nextOpening(mondays, at('2026-03-09T08:59:59.999Z'))).toBeNull();
  });

  it('stays within the range of Date near its end', () => {
    const daily = businessHours({ timeZone: 'UTC', weekly: { mon: [['09:00', '10:00']] } });
    expect(nextOpening(daily, new Date(8.64e15))).toBeNull(); // +275760-09-13, a Saturday: the next Monday is out of range
    expect(iso(nextOpening(daily, new Date(8.64e15 - 6 * 86_400_000)))).toBe('+275760-09-08T09:00:00.000Z');
  });

  it('answers null when every opening in the window is a holiday', () => {
    const onlyChristmasWeek = businessHours({
      timeZone: 'Europe/Berlin',
      weekly: { mon: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
      holidays: ['2026-12-21', '2026-12-25', '2026-12-28', '2027-01-01'],
    });
    expect(nextOpening(onlyChristmasWeek, at('2026-12-19T00:00:00Z'))).toBeNull();
    expect(iso(nextOpening(onlyChristmasWeek, at('2026-12-25T00:00:00Z')))).toBe('2027-01-04T08:00:00.000Z');
  });

  it('rejects a function that is not a businessHours gate, and an invalid instant', () => {
    expectConfiguration(() => nextOpening((() => true) as never, at('2026-03-09T12:00:00Z')), 'nextOpening: expected a businessHours() gate');
    expectConfiguration(() => nextOpening(gate, new Date(Number.NaN)), 'nextOpening: "at" must be a valid Date (got Invalid Date)');
    expectConfiguration(() => gate(context, new Date('not a date')), 'businessHours: "at" must be a valid Date');
    expectConfiguration(() => isWithinBusinessHours(gate, '2026-03-09' as never), 'isWithinBusinessHours: "at" must be a valid Date');
  });

  it('agrees with a minute-by-minute scan, across DST changes, holidays and overnight spans', () => {
    const specs: BusinessHoursSpec[] = [
      { ...officeNY, holidays: ['2026-03-09', '2026-11-02', '2026-12-25'] },
      {
        timeZone: 'America/New_York',
        weekly: { sun: [['01:30', '02:30'], ['23:00', '01:15']], fri: [['22:00', '02:00']], wed: [['02:15', '03:15']] },
        holidays: ['2026-03-13'],
      },
      { timeZone: 'Europe/Berlin', weekly: { sun: [['02:00', '03:00']], sat: [['22:00', '02:30']], mon: [['09:00', '24:00']] } },
      { timeZone: 'Asia/Kathmandu', weekly: { tue: [['23:45', '00:15']], thu: [['09:00', '12:00'], ['12:30', '18:00']] } },
    ];
    const gates = specs.map((spec) => businessHours(spec));
    const dstChanges = [
      Date.UTC(2026, 2, 8, 7),
      Date.UTC(2026, 10, 1, 6),
      Date.UTC(2026, 2, 29, 1),
      Date.UTC(2026, 9, 25, 1),
    ];
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
      fc.tuple(fc.constantFrom(...dstChanges), fc.integer({ min: -3 * 86_400_000, max: 86_400_000 })).map(([base, delta]) => base + delta),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: gates.length - 1 }), instant, (which, ms) => {
        const hours = gates[which]!;
        const from = new Date(ms);
        const opening = nextOpening(hours, from);
        expect(opening).not.toBeNull();
        const found = opening!.getTime();
        expect(found).toBeGreaterThanOrEqual(ms);
        expect(hours(context, opening!)).toBe(true);
        if (found > ms) {
          expect(hours(context, from)).toBe(false);
          for (let minute = Math.ceil(ms / 60_000) * 60_000; minute < found; minute += 60_000) {
            if (hours(context, new Date(minute))) throw new Error(`open at ${new Date(minute).toISOString()} before ${opening!.toISOString()}`);
          }
        }
      }),
      { numRuns: 60, seed: 20260308 },
    );
  });
});

describe('businessHours: validation at construction', () => {
  const valid: BusinessHoursSpec = { timeZone: 'America/New_York', weekly: { mon: [['09:00', '12:00'], ['13:00', '17:30']] } };
  const withMon = (spans: unknown): BusinessHoursSpec => ({ ...valid, weekly: { mon: spans as never } });

  it.each<[string, unknown, string, string]>([
    ['a spec that is not an object', null, '', 'businessHours: expected { timeZone, weekly, holidays? }, got null'],
    ['an unknown field', { ...valid, holiday: ['2026-12-25'] }, 'holiday', 'businessHours: holiday is not a known field'],
    ['a missing zone', { weekly: valid.weekly }, 'timeZone', 'businessHours: timeZone must be an IANA time zone name'],
    ['an empty zone', { ...valid, timeZone: ' ' }, 'timeZone', 'businessHours: timeZone must be an IANA time zone name'],
    ['an unknown zone', { ...valid, timeZone: 'Mars/Olympus' }, 'timeZone', 'businessHours: timeZone "Mars/Olympus" is not an IANA time zone'],
    ['a missing weekly', { timeZone: 'UTC' }, 'weekly', 'businessHours: weekly must be an object keyed by mon..sun'],
    ['an array as weekly', { timeZone: 'UTC', weekly: [] }, 'weekly', 'businessHours: weekly must be an object keyed by mon..sun'],
    ['an unknown weekday key', { timeZone: 'UTC', weekly: { monday: [['09:00', '17:00']] } }, 'weekly.monday', 'businessHours: weekly.monday is not a weekday key (use mon, tue, wed, thu, fri, sat, sun)'],
    ['a day that is not a list', withMon(['09:00', '17:00']), 'weekly.mon[0]', 'businessHours: weekly.mon[0] must be a [start, end] pair'],
    ['a day that is a string', withMon('09:00-17:00'), 'weekly.mon', 'businessHours: weekly.mon must be an array of [start, end] spans'],
    ['a span with one time', withMon([['09:00']]), 'weekly.mon[0]', 'businessHours: weekly.mon[0] must be a [start, end] pair'],
    ['an hour of 25', withMon([['09:00', '12:00'], ['25:00', '26:00']]), 'weekly.mon[1][0]', 'businessHours: weekly.mon[1][0] "25:00" is not HH:MM'],
    ['a one-digit hour', withMon([['9:00', '17:00']]), 'weekly.mon[0][0]', 'businessHours: weekly.mon[0][0] "9:00" is not HH:MM'],
    ['minute 60', withMon([['09:00', '17:60']]), 'weekly.mon[0][1]', 'businessHours: weekly.mon[0][1] "17:60" is not HH:MM'],
    ['24:30', withMon([['09:00', '24:30']]), 'weekly.mon[0][1]', 'businessHours: weekly.mon[0][1] "24:30" is not HH:MM'],
    ['seconds', withMon([['09:00:00', '17:00']]), 'weekly.mon[0][0]', 'businessHours: weekly.mon[0][0] "09:00:00" is not HH:MM'],
    ['a number as a time', withMon([[900, '17:00']]), 'weekly.mon[0][0]', 'businessHours: weekly.mon[0][0] is not HH:MM (got 900)'],
    ['24:00 as a start', withMon([['24:00', '02:00']]), 'weekly.mon[0][0]', 'businessHours: weekly.mon[0][0] "24:00" may end a span, not start one'],
    ['the same start and end', withMon([['09:00', '09:00']]), 'weekly.mon[0]', 'businessHours: weekly.mon[0] starts and ends at "09:00", which is ambiguous; for a whole day use ["00:00", "24:00"]'],
    ['00:00 to 00:00', withMon([['00:00', '00:00']]), 'weekly.mon[0]', 'businessHours: weekly.mon[0] starts and ends at "00:00"'],
    ['no spans at all', { timeZone: 'UTC', weekly: {} }, 'weekly', 'businessHours: weekly has no spans, so the hours would never be open'],
    ['only empty days', { timeZone: 'UTC', weekly: { mon: [], tue: [] } }, 'weekly', 'businessHours: weekly has no spans'],
    ['holidays that are not a list', { ...valid, holidays: '2026-12-25' }, 'holidays', 'businessHours: holidays must be an array of YYYY-MM-DD dates'],
    ['February 30th', { ...valid, holidays: ['2026-12-25', '2026-02-30'] }, 'holidays[1]', 'businessHours: holidays[1] "2026-02-30" is not a real date'],
    ['February 29th of a common year', { ...valid, holidays: ['2026-02-29'] }, 'holidays[0]', 'businessHours: holidays[0] "2026-02-29" is not a real date'],
    ['month 13', { ...valid, holidays: ['2026-13-01'] }, 'holidays[0]', 'businessHours: holidays[0] "2026-13-01" is not a real date'],
    ['day 00', { ...valid, holidays: ['2026-12-00'] }, 'holidays[0]', 'businessHours: holidays[0] "2026-12-00" is not a real date'],
    ['a one-digit day', { ...valid, holidays: ['2026-12-5'] }, 'holidays[0]', 'businessHours: holidays[0] "2026-12-5" is not a YYYY-MM-DD date'],
    ['a date with a time', { ...valid, holidays: ['2026-12-25T00:00'] }, 'holidays[0]', 'is not a YYYY-MM-DD date'],
    ['a number as a date', { ...valid, holidays: [20261225] }, 'holidays[0]', 'businessHours: holidays[0] is not a YYYY-MM-DD date (got 20261225)'],
  ])('rejects %s', (_what, spec, field, message) => {
    const error = expectConfiguration(() => businessHours(spec as BusinessHoursSpec), message);
    if (field !== '') expect(error.details).toEqual({ field });
    // The same validation guards the helpers that take a spec.
    expectConfiguration(() => nextOpening(spec as BusinessHoursSpec, at('2026-03-09T12:00:00Z')), message);
    expectConfiguration(() => isWithinBusinessHours(spec as BusinessHoursSpec, at('2026-03-09T12:00:00Z')), message);
  });

  it('accepts February 29th of a leap year, 24:00 as an end, empty days and undefined days', () => {
    expect(() =>
      businessHours({ ...valid, weekly: { mon: [['22:00', '24:00']], tue: [], wed: undefined }, holidays: ['2028-02-29'] }),
    ).not.toThrow();
  });

  it('keeps a frozen copy of the spec, so later changes to the caller object do not move the hours', () => {
    const spec = { timeZone: 'UTC', weekly: { mon: [['09:00', '17:00']] as [string, string][] }, holidays: ['2026-03-16'] };
    const gate = businessHours(spec);
    spec.weekly.mon[0]![1] = '10:00';
    spec.holidays.push('2026-03-09');
    expect(gate(context, at('2026-03-09T16:00:00Z'))).toBe(true);
    expect(gate.spec).toEqual({ timeZone: 'UTC', weekly: { mon: [['09:00', '17:00']] }, holidays: ['2026-03-16'] });
    expect(Object.isFrozen(gate.spec)).toBe(true);
    expect(Object.isFrozen(gate.spec.weekly)).toBe(true);
    expect(Object.isFrozen(gate.spec.weekly.mon)).toBe(true);
    expect(Object.isFrozen(gate.spec.weekly.mon![0])).toBe(true);
    expect(Object.isFrozen(gate.spec.holidays)).toBe(true);
  });

  it('builds no Intl formatter when it evaluates, and one per zone at most', () => {
    const gate = businessHours({ timeZone: 'Asia/Kathmandu', weekly: { mon: [['09:00', '17:00']] } });
    const constructor = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      for (let i = 0; i < 50; i++) gate(context, new Date(Date.UTC(2026, 2, 9) + i * 3_600_000));
      nextOpening(gate, at('2026-03-10T12:00:00Z'));
      businessHours({ timeZone: 'Asia/Kathmandu', weekly: { tue: [['09:00', '17:00']] } });
      expect(constructor).not.toHaveBeenCalled();
    } finally {
      constructor.mockRestore();
    }
  });
});
