import { allOf, businessHours, connectPillar, escalationTool, not, plans, type EscalationError, type EscalationOption, type EscalationToolOptions } from '@pillar/escalation-core';
import { conversation, deferred, fakePillar, recordingAdapter, registryAt, settle, unavailable, type Delivered } from './connect-pillar.support';

const hours = businessHours({ timeZone: 'America/New_York', weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] } });
const OPEN = new Date('2026-06-02T15:00:00Z'); // Tuesday 11:00 New York
const CLOSED = new Date('2026-06-06T15:00:00Z'); // Saturday 11:00 New York; opens Monday 09:00 EDT = 13:00Z

const pro = { id: 'u1', email: 'ada@example.com', plan: 'pro', timeZone: 'Europe/Paris' };
const free = { id: 'u2', email: 'bob@example.com', plan: 'free' };

function options(delivered: Delivered[], extra: Partial<Record<string, Partial<EscalationOption>>> = {}): EscalationOption[] {
  return [
    { id: 'support', label: 'Talk to Support', adapter: recordingAdapter('chat', delivered, 'support'), when: hours, fallback: ['email'], ...extra.support },
    { id: 'billing', label: 'Billing team', adapter: recordingAdapter('billing', delivered, 'billing'), when: allOf(plans(['pro']), hours), ...extra.billing },
    { id: 'email', label: 'Email us', adapter: recordingAdapter('email', delivered, 'email'), when: hours, ...extra.email },
    { id: 'call', label: 'Schedule a call', adapter: recordingAdapter('call', delivered, 'call'), when: plans(['pro']), ...extra.call },
  ];
}

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

function connect(at: Date, user: object, toolOptions: EscalationToolOptions, extra?: Parameters<typeof options>[1]) {
  const delivered: Delivered[] = [];
  const registry = registryAt(at, options(delivered, extra));
  const pillar = fakePillar(conversation);
  const errors: EscalationError[] = [];
  connectPillar(pillar, registry, { getContext: () => ({ user }), tool: escalationTool(toolOptions), clock: { now: () => at }, onError: (error) => errors.push(error) });
  return { delivered, pillar, errors, registry };
}

describe('the escalation tool', () => {
  it('escalates to the routed option with the reason and the co-pilot’s summary in the context', async () => {
    const { delivered, pillar } = connect(OPEN, pro, { routes: { billing: ['billing', 'support'] } });
    const answer = await pillar.callTool('escalate_to_human', { reason: 'billing', summary: 'Charged twice on May 3; wants a refund.' });
    expect(answer).toEqual({
      escalated: true,
      status: 'escalated',
      optionId: 'billing',
      channel: 'Billing team',
      delivery: 'opened',
      message: 'The user was handed to Billing team with this conversation: a support window opened on their screen.',
    });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.payload.reason).toBe('billing');
    expect(delivered[0]!.context.reason).toBe('billing');
    expect(delivered[0]!.context.messages.at(-1)).toEqual({ role: 'system', content: 'Summary from the co-pilot: Charged twice on May 3; wants a refund.' });
    expect(delivered[0]!.payload.transcript).toContain('user: I was charged twice this month');
  });

  it('takes the next routed option the user may use (a free user skips the paying-only one)', async () => {
    const { delivered, pillar } = connect(OPEN, free, { routes: { billing: ['billing', 'support'] } });
    const answer = await pillar.callTool('escalate_to_human', { reason: 'billing' });
    expect(answer).toMatchObject({ escalated: true, optionId: 'support', channel: 'Talk to Support' });
    expect(delivered.map((d) => d.optionId)).toEqual(['support']);
  });

  it('without a route, uses the first available option in display order', async () => {
    const { pillar } = connect(OPEN, free, {});
    expect(await pillar.callTool('escalate_to_human', { reason: 'bug' })).toMatchObject({ escalated: true, optionId: 'support' });
  });

  it('says when it fell back to another option', async () => {
    const { delivered, pillar } = connect(OPEN, pro, {}, { support: { adapter: recordingAdapter('chat', [], 'support', unavailable) } });
    const answer = await pillar.callTool('escalate_to_human', { reason: 'human_requested' });
    expect(answer).toMatchObject({ escalated: true, optionId: 'email', channel: 'Email us' });
    expect(answer.message).toBe('The user was handed to Email us (Talk to Support was unavailable) with this conversation: a support window opened on their screen.');
    expect(delivered.map((d) => d.optionId)).toEqual(['email']);
  });

  it('answers that no human channel is open, with the next opening from the options’ business hours, in the user’s zone', async () => {
    const { delivered, pillar } = connect(CLOSED, free, { routes: { bug: ['support', 'email'] } });
    const answer = await pillar.callTool('escalate_to_human', { reason: 'bug' });
    expect(answer).toEqual({
      escalated: false,
      status: 'no_channel_open',
      reason: 'bug',
      nextOpening: '2026-06-08T13:00:00.000Z',
      message: 'No human channel is open right now. The next opening is Monday, June 8 at 9:00 AM EDT.',
    });
    expect(delivered).toEqual([]);
    const paris = await connect(CLOSED, pro, { routes: { bug: ['support'] } }).pillar.callTool('escalate_to_human', { reason: 'bug' });
    expect(paris.message).toBe('No human channel is open right now. The next opening is Monday, June 8 at 3:00 PM GMT+2.');
  });

  it('uses tool.hours when the hours are hidden inside a composed gate', async () => {
    const { pillar } = connect(CLOSED, pro, { routes: { billing: ['billing'] } });
    expect(await pillar.callTool('escalate_to_human', { reason: 'billing' })).toMatchObject({ status: 'no_channel_open', nextOpening: null, message: 'No human channel is open right now for this user.' });
    const withHours = connect(CLOSED, pro, { routes: { billing: ['billing'] }, hours: hours.spec });
    expect(await withHours.pillar.callTool('escalate_to_human', { reason: 'billing' })).toMatchObject({ status: 'no_channel_open', nextOpening: '2026-06-08T13:00:00.000Z' });
  });

  it('keeps to the route: an open option outside it is not used', async () => {
    // "call" has no hours and is open to pro users, but billing is routed to the billing team only.
    const { delivered, pillar } = connect(CLOSED, pro, { routes: { billing: ['billing'] } });
    expect(await pillar.callTool('escalate_to_human', { reason: 'billing' })).toMatchObject({ status: 'no_channel_open' });
    expect(delivered).toEqual([]);
    // Unrouted reasons may use it.
    expect(await pillar.callTool('escalate_to_human', { reason: 'complex' })).toMatchObject({ escalated: true, optionId: 'call' });
  });

  it('answers the co-pilot about bad input instead of throwing', async () => {
    const { delivered, pillar } = connect(OPEN, pro, {});
    expect(await pillar.callTool('escalate_to_human', { reason: 'refund' })).toEqual({
      escalated: false,
      status: 'invalid_input',
      message: 'reason must be one of human_requested, billing, account, bug, complex, other (got "refund")',
    });
    expect(await pillar.callTool('escalate_to_human', undefined)).toMatchObject({ status: 'invalid_input' });
    expect(await pillar.callTool('escalate_to_human', { reason: 'bug', summary: 42 })).toMatchObject({ status: 'invalid_input', message: 'summary must be a string when given' });
    expect(delivered).toEqual([]);
  });

  it('answers a failed delivery with the error code, reports it, and never rejects', async () => {
    const { pillar, errors } = connect(OPEN, pro, {}, {
      support: { adapter: recordingAdapter('chat', [], 'support', () => Promise.reject(new Error('boom'))), fallback: [] },
    });
    const answer = await pillar.callTool('escalate_to_human', { reason: 'human_requested' });
    expect(answer).toEqual({
      escalated: false,
      status: 'failed',
      error: 'PROVIDER_UNAVAILABLE',
      retryable: true,
      message: 'Could not reach Talk to Support (PROVIDER_UNAVAILABLE). Tell the user, and suggest the sidebar tabs to reach support.',
    });
    expect(errors.map((e) => e.code)).toEqual(['PROVIDER_UNAVAILABLE']);
  });

  it('answers "in progress" while a sidebar escalation runs', async () => {
    const gate = deferred<{ status: 'opened' }>();
    const { pillar, delivered } = connect(OPEN, pro, {}, { support: { adapter: recordingAdapter('chat', [], 'support', () => gate.promise) } });
    pillar.click('support');
    await settle();
    expect(await pillar.callTool('escalate_to_human', { reason: 'bug' })).toMatchObject({ escalated: false, status: 'in_progress' });
    gate.resolve({ status: 'opened' });
    await settle();
    expect(delivered).toEqual([]);
  });

  it('uses a custom name, description and examples, and truncates a very long summary', async () => {
    const { pillar, delivered } = connect(OPEN, pro, { name: 'handoff', description: 'Hand off.', examples: ['human please'] });
    const tool = pillar.tools.get('handoff')!;
    expect(tool).toMatchObject({ name: 'handoff', description: 'Hand off.', examples: ['human please'] });
    await pillar.callTool('handoff', { reason: 'other', summary: 'x'.repeat(5_000) });
    const last = delivered[0]!.context.messages.at(-1)!;
    expect(last.content.length).toBeLessThanOrEqual(1_000 + 'Summary from the co-pilot: '.length);
    expect(last.content.endsWith('…')).toBe(true);
  });

  it('never answers with the keys the SDK rewrites (success, data)', async () => {
    const open = connect(OPEN, pro, {});
    const closed = connect(CLOSED, free, {}, { call: { when: () => false } });
    const answers = [
      await open.pillar.callTool('escalate_to_human', { reason: 'bug' }),
      await closed.pillar.callTool('escalate_to_human', { reason: 'bug' }),
      await open.pillar.callTool('escalate_to_human', { reason: 'nope' }),
    ];
    for (const answer of answers) {
      expect(answer).not.toHaveProperty('success');
      expect(answer).not.toHaveProperty('data');
      expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
    }
  });

  it('answers after disconnect without escalating', async () => {
    const delivered: Delivered[] = [];
    const registry = registryAt(OPEN, options(delivered));
    const pillar = fakePillar(conversation);
    const disconnect = connectPillar(pillar, registry, { tool: escalationTool(), clock: { now: () => OPEN } });
    const execute = pillar.tools.get('escalate_to_human')!.execute;
    disconnect();
    expect(await execute({ reason: 'bug' })).toMatchObject({ escalated: false, status: 'failed', error: 'CONFIGURATION' });
    await settle();
    expect(delivered).toEqual([]);
  });

  it('works with the after-hours option pattern: not(businessHours) takes over outside hours', async () => {
    const delivered: Delivered[] = [];
    const registry = registryAt(CLOSED, [
      { id: 'chat', label: 'Chat with us', adapter: recordingAdapter('chat', delivered, 'chat'), when: hours },
      { id: 'ticket', label: 'Leave a message', adapter: recordingAdapter('ticket', delivered, 'ticket'), when: not(hours) },
    ]);
    const pillar = fakePillar(conversation);
    connectPillar(pillar, registry, { tool: escalationTool(), clock: { now: () => CLOSED } });
    expect(await pillar.callTool('escalate_to_human', { reason: 'human_requested' })).toMatchObject({ escalated: true, optionId: 'ticket', channel: 'Leave a message' });
  });
});
