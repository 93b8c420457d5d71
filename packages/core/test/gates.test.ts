import {
  allOf,
  anyOf,
  attribute,
  businessHours,
  EscalationError,
  not,
  plans,
  roles,
  type EscalationContext,
  type EscalationUser,
  type Gate,
} from '@pillar/escalation-core';

const now = new Date('2026-03-09T15:00:00Z');
const withUser = (user?: EscalationUser): EscalationContext =>
  user === undefined ? { conversationId: 'c1', messages: [] } : { conversationId: 'c1', messages: [], user };

function expectConfiguration(run: () => unknown, message: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(EscalationError);
  expect((thrown as EscalationError).code).toBe('CONFIGURATION');
  expect((thrown as EscalationError).message).toContain(message);
}

/** A gate that records its calls and answers `answer`, synchronously or after a tick. */
function recording(answer: boolean, mode: 'sync' | 'async' = 'sync'): Gate & { calls: number } {
  const gate = ((_context: EscalationContext, _at: Date) => {
    gate.calls += 1;
    return mode === 'sync' ? answer : new Promise<boolean>((resolve) => setTimeout(() => resolve(answer), 1));
  }) as Gate & { calls: number };
  gate.calls = 0;
  return gate;
}

describe('plans', () => {
  const gate = plans(['pro', 'enterprise']);

  it.each<[string, EscalationUser | undefined, boolean]>([
    ['a listed plan', { plan: 'pro' }, true],
    ['another listed plan', { plan: 'enterprise' }, true],
    ['an unlisted plan', { plan: 'free' }, false],
    ['a plan in another case (matching is exact)', { plan: 'Pro' }, false],
    ['a user without a plan', { role: 'admin' }, false],
    ['no user', undefined, false],
  ])('answers for %s', (_what, user, expected) => {
    expect(gate(withUser(user), now)).toBe(expected);
  });

  it('does not read a plan from the prototype', () => {
    expect(plans(['toString'])(withUser({}), now)).toBe(false);
  });

  it('rejects an empty list, a non-list and an empty name at construction', () => {
    expectConfiguration(() => plans([]), 'plans: the list of plans is empty, so nobody would ever pass');
    expectConfiguration(() => plans('pro' as never), "plans: expected an array of plan names, e.g. plans(['pro'])");
    expectConfiguration(() => plans(['pro', '']), 'plans: plan [1] must be a non-empty string (got "")');
    expectConfiguration(() => plans(['pro', 3 as never]), 'plans: plan [1] must be a non-empty string (got 3)');
  });
});

describe('roles', () => {
  const gate = roles(['admin', 'owner']);

  it.each<[string, EscalationUser | undefined, boolean]>([
    ['a listed role', { role: 'admin' }, true],
    ['an unlisted role', { role: 'member' }, false],
    ['a user without a role', { plan: 'pro' }, false],
    ['no user', undefined, false],
  ])('answers for %s', (_what, user, expected) => {
    expect(gate(withUser(user), now)).toBe(expected);
  });

  it('rejects an empty list at construction', () => {
    expectConfiguration(() => roles([]), 'roles: the list of roles is empty, so nobody would ever pass');
    expectConfiguration(() => roles([null as never]), 'roles: role [0] must be a non-empty string (got null)');
  });
});

describe('attribute', () => {
  it('passes the value to the predicate', () => {
    const predicate = jest.fn((value: unknown) => Number(value) >= 10);
    const gate = attribute('seats', predicate);
    expect(gate(withUser({ attributes: { seats: 12 } }), now)).toBe(true);
    expect(gate(withUser({ attributes: { seats: '3' } }), now)).toBe(false);
    expect(predicate.mock.calls).toEqual([[12], ['3']]);
  });

  it.each<[string, EscalationUser | undefined]>([
    ['no user', undefined],
    ['no attributes', { plan: 'pro' }],
    ['another attribute only', { attributes: { plan: 'x' } }],
  ])('does not call the predicate and says no for %s', (_what, user) => {
    const predicate = jest.fn(() => true);
    expect(attribute('seats', predicate)(withUser(user), now)).toBe(false);
    expect(predicate).not.toHaveBeenCalled();
  });

  it('does not read inherited keys such as "constructor" or "__proto__"', () => {
    const predicate = jest.fn(() => true);
    expect(attribute('constructor', predicate)(withUser({ attributes: {} }), now)).toBe(false);
    expect(attribute('__proto__', predicate)(withUser({ attributes: {} }), now)).toBe(false);
    expect(predicate).not.toHaveBeenCalled();
  });

  it('treats an attribute set to null as present', () => {
    const predicate = jest.fn((value: unknown) => value === null);
    expect(attribute('manager', predicate)(withUser({ attributes: { manager: null } }), now)).toBe(true);
    expect(predicate).toHaveBeenCalledWith(null);
  });

  it('supports an async predicate', async () => {
    const gate = attribute('beta', async (value) => value === true);
    const answer = gate(withUser({ attributes: { beta: true } }), now);
    expect(answer).toBeInstanceOf(Promise);
    await expect(answer).resolves.toBe(true);
    await expect(gate(withUser({ attributes: { beta: false } }), now)).resolves.toBe(false);
  });

  it('rejects an empty name or a missing predicate at construction', () => {
    expectConfiguration(() => attribute('', () => true), 'attribute: the attribute name must be a non-empty string (got "")');
    expectConfiguration(() => attribute('seats', undefined as never), 'attribute: the predicate for "seats" must be a function');
  });
});

describe('allOf', () => {
  it('allows only when every gate allows, and stays synchronous for synchronous gates', () => {
    const context = withUser({ plan: 'pro', role: 'admin' });
    expect(allOf(plans(['pro']), roles(['admin']))(context, now)).toBe(true);
    expect(allOf(plans(['pro']), roles(['owner']))(context, now)).toBe(false);
  });

  it('stops at the first gate that says no', () => {
    const first = recording(true);
    const second = recording(false);
    const third = recording(true);
    expect(allOf(first, second, third)(withUser(), now)).toBe(false);
    expect([first.calls, second.calls, third.calls]).toEqual([1, 1, 0]);
  });

  it('awaits async gates in order and short-circuits after them', async () => {
    const first = recording(true, 'async');
    const second = recording(false, 'async');
    const third = recording(true);
    const answer = allOf(first, second, third)(withUser(), now);
    expect(answer).toBeInstanceOf(Promise);
    await expect(answer).resolves.toBe(false);
    expect([first.calls, second.calls, third.calls]).toEqual([1, 1, 0]);
  });

  it('does not wait for later gates when a synchronous gate already said no', () => {
    const later = recording(true, 'async');
    expect(allOf(recording(false), later)(withUser(), now)).toBe(false);
    expect(later.calls).toBe(0);
  });

  it('mixes sync and async gates and allows when all allow', async () => {
    await expect(allOf(recording(true), recording(true, 'async'), recording(true))(withUser(), now)).resolves.toBe(true);
  });

  it('passes a rejection of an async gate through', async () => {
    const failing: Gate = async () => {
      throw new EscalationError('PROVIDER_UNAVAILABLE', 'entitlements service is down');
    };
    await expect(allOf(recording(true), failing)(withUser(), now)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
  });

  it('rejects no gates and non-gates at construction', () => {
    expectConfiguration(() => allOf(), 'allOf() needs at least one gate: with none it would allow everybody by accident');
    expectConfiguration(() => allOf(plans(['pro']), undefined as never), 'allOf: argument 1 is not a gate (got undefined)');
  });
});

describe('anyOf', () => {
  it('allows when any gate allows', () => {
    const gate = anyOf(plans(['enterprise']), roles(['admin']));
    expect(gate(withUser({ plan: 'free', role: 'admin' }), now)).toBe(true);
    expect(gate(withUser({ plan: 'enterprise' }), now)).toBe(true);
    expect(gate(withUser({ plan: 'free', role: 'member' }), now)).toBe(false);
    expect(gate(withUser(), now)).toBe(false);
  });

  it('stops at the first gate that says yes, sync or async', async () => {
    const first = recording(false, 'async');
    const second = recording(true);
    const third = recording(true, 'async');
    await expect(anyOf(first, second, third)(withUser(), now)).resolves.toBe(true);
    expect([first.calls, second.calls, third.calls]).toEqual([1, 1, 0]);
  });

  it('says no after awaiting every gate when none allows', async () => {
    const gates = [recording(false, 'async'), recording(false), recording(false, 'async')];
    await expect(anyOf(...gates)(withUser(), now)).resolves.toBe(false);
    expect(gates.map((g) => g.calls)).toEqual([1, 1, 1]);
  });

  it('rejects no gates and non-gates at construction', () => {
    expectConfiguration(() => anyOf(), 'anyOf() needs at least one gate: with none it would allow nobody');
    expectConfiguration(() => anyOf(null as never), 'anyOf: argument 0 is not a gate (got null)');
  });
});

describe('not', () => {
  it('inverts a sync gate synchronously and an async gate asynchronously', async () => {
    expect(not(plans(['pro']))(withUser({ plan: 'pro' }), now)).toBe(false);
    expect(not(plans(['pro']))(withUser(), now)).toBe(true);
    await expect(not(recording(true, 'async'))(withUser(), now)).resolves.toBe(false);
    await expect(not(recording(false, 'async'))(withUser(), now)).resolves.toBe(true);
  });

  it('rejects a non-gate at construction', () => {
    expectConfiguration(() => not(undefined as never), 'not: expected a gate (got undefined)');
  });
});

describe('different options during and outside business hours', () => {
  const hours = {
    timeZone: 'Europe/Berlin',
    weekly: {
      mon: [['09:00', '17:00']],
      tue: [['09:00', '17:00']],
      wed: [['09:00', '17:00']],
      thu: [['09:00', '17:00']],
      fri: [['09:00', '17:00'], ['22:00', '02:00']],
      sun: [['02:00', '03:00']],
    },
    holidays: ['2026-10-26'],
  } as const;
  const liveChat = businessHours(hours);
  const ticket = not(businessHours(hours));

  it('offers exactly one of the two at every quarter hour of a DST week', () => {
    // 2026-10-19 .. 2026-11-02 covers the fall-back Sunday (10-25) and the holiday (10-26).
    const context = withUser({ plan: 'pro' });
    let open = 0;
    for (let t = Date.UTC(2026, 9, 19); t < Date.UTC(2026, 10, 2); t += 15 * 60_000) {
      const at = new Date(t);
      const during = liveChat(context, at);
      expect(ticket(context, at)).toBe(!during);
      if (during) open += 1;
    }
    // 9 weekdays (not the holiday) x 8 h + 2 Friday nights x 4 h + Sunday 02:00-03:00 on 10-25
    // (an hour that happens twice) + Sunday 02:00-03:00 on 11-01; counted in quarter hours.
    expect(open).toBe((9 * 8 + 2 * 4 + 2 + 1) * 4);
  });

  it('combines with user gates: enterprise users get live chat in hours, everybody else a ticket', () => {
    const chat = allOf(plans(['enterprise']), liveChat);
    const fallbackTicket = anyOf(not(plans(['enterprise'])), not(liveChat));
    const inHours = new Date('2026-10-20T08:00:00Z'); // Tue 10:00 CEST
    const afterHours = new Date('2026-10-20T18:00:00Z'); // Tue 20:00 CEST
    const enterprise = withUser({ plan: 'enterprise' });
    const pro = withUser({ plan: 'pro' });
    expect([chat(enterprise, inHours), fallbackTicket(enterprise, inHours)]).toEqual([true, false]);
    expect([chat(enterprise, afterHours), fallbackTicket(enterprise, afterHours)]).toEqual([false, true]);
    expect([chat(pro, inHours), fallbackTicket(pro, inHours)]).toEqual([false, true]);
  });
});
