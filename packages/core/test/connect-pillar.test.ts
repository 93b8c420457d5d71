import type { Pillar } from '@pillar-ai/sdk';
import {
  businessHours,
  connectPillar,
  escalationTool,
  not,
  ESCALATION_REASONS,
  isEscalationError,
  plans,
  type EscalationError,
  type EscalationResult,
  type EscalationSource,
  type PillarLike,
} from '@pillar/escalation-core';
import { conversation, deferred, fakePillar, recordingAdapter, registryAt, settle, unavailable, type Delivered } from './connect-pillar.support';

// Compile-time: the real SDK instance satisfies the structural type.
const realPillarFits = (pillar: Pillar): PillarLike => pillar;
void realPillarFits;

const NOW = new Date('2026-06-02T15:00:00Z'); // a Tuesday, 11:00 in New York

function setup(extra: { blockSupport?: boolean; gateCall?: boolean } = {}) {
  const delivered: Delivered[] = [];
  const registry = registryAt(NOW, [
    { id: 'support', label: 'Talk to Support', icon: 'support', adapter: recordingAdapter('chat', delivered, 'support', extra.blockSupport ? unavailable : undefined), fallback: ['email'] },
    { id: 'email', label: 'Email us', icon: 'mail', adapter: recordingAdapter('email', delivered, 'email') },
    { id: 'call', label: 'Schedule a call', icon: 'calendar', adapter: recordingAdapter('call', delivered, 'call'), ...(extra.gateCall ? { when: plans(['pro']) } : {}) },
  ]);
  const errors: Array<{ error: EscalationError; source: EscalationSource }> = [];
  const results: Array<{ result: EscalationResult; source: EscalationSource }> = [];
  const onError = (error: EscalationError, source: EscalationSource) => errors.push({ error, source });
  const onEscalated = (result: EscalationResult, source: EscalationSource) => results.push({ result, source });
  return { delivered, registry, errors, results, onError, onEscalated };
}

const user = { id: 'u1', email: 'ada@example.com', plan: 'pro' };
const page = { url: 'https://app.example.com/billing', title: 'Billing' };

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

describe('connectPillar: sidebar clicks', () => {
  it('escalates a click on an option tab with the conversation, the user and the page', async () => {
    const { delivered, registry, results, onEscalated, onError, errors } = setup();
    const pillar = fakePillar(conversation);
    connectPillar(pillar, registry, { getContext: async () => ({ user, page, metadata: { accountId: 'acc-9' } }), onEscalated, onError });

    const returned = pillar.click('support', 'Talk to Support');
    expect(returned).toEqual([undefined]); // the listener hands the SDK nothing to await or reject
    await settle();

    expect(errors).toEqual([]);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.payload).toEqual({
      transcript: 'user: I was charged twice this month\nassistant: I see two charges on May 3; refunds need our billing team.',
      user: 'ada@example.com',
      reason: null,
      conversationId: 'conv-1',
    });
    expect(delivered[0]!.context).toMatchObject({ page, metadata: { accountId: 'acc-9' } });
    expect(results).toEqual([{ result: expect.objectContaining({ optionId: 'support', status: 'opened' }), source: { via: 'sidebar', tabId: 'support', optionId: 'support' } }]);
  });

  it('maps tab ids to option ids with `tabs`, and keeps the identity for the others', async () => {
    const { delivered, registry } = setup();
    const pillar = fakePillar(conversation);
    connectPillar(pillar, registry, { tabs: { help: 'support' } });
    pillar.click('help');
    await settle();
    pillar.click('call');
    await settle();
    expect(delivered.map((d) => d.optionId)).toEqual(['support', 'call']);
  });

  it('routes one stable tab to the first of its options open at click time (chat in hours, a message after)', async () => {
    const hours = businessHours({ timeZone: 'Europe/Berlin', weekly: { tue: [['09:00', '18:00']] } });
    const run = async (at: Date) => {
      const delivered: Delivered[] = [];
      const registry = registryAt(at, [
        { id: 'chat', label: 'Chat', adapter: recordingAdapter('chat', delivered, 'chat'), when: hours },
        { id: 'message', label: 'Leave a message', adapter: recordingAdapter('message', delivered, 'message'), when: not(hours) },
      ]);
      const results: EscalationSource[] = [];
      const pillar = fakePillar(conversation);
      connectPillar(pillar, registry, { tabs: { talk: ['chat', 'message'] }, clock: { now: () => at }, onEscalated: (_, source) => results.push(source) });
      pillar.click('talk', 'Talk to us');
      await settle();
      return { delivered: delivered.map((d) => d.optionId), sources: results };
    };
    expect(await run(new Date('2026-06-02T10:00:00Z'))).toEqual({ delivered: ['chat'], sources: [{ via: 'sidebar', tabId: 'talk', optionId: 'chat' }] });
    expect(await run(new Date('2026-06-02T20:00:00Z'))).toEqual({ delivered: ['message'], sources: [{ via: 'sidebar', tabId: 'talk', optionId: 'message' }] });
  });

  it("reads the time from the registry's CLOCK when given no clock of its own", async () => {
    const hours = businessHours({ timeZone: 'Europe/Berlin', weekly: { tue: [['09:00', '18:00']] } });
    const run = async (at: Date) => {
      const delivered: Delivered[] = [];
      const registry = registryAt(at, [
        { id: 'chat', label: 'Chat', adapter: recordingAdapter('chat', delivered, 'chat'), when: hours },
        { id: 'message', label: 'Leave a message', adapter: recordingAdapter('message', delivered, 'message'), when: not(hours) },
      ]);
      const pillar = fakePillar(conversation);
      connectPillar(pillar, registry, { tabs: { talk: ['chat', 'message'] } });
      pillar.click('talk', 'Talk to us');
      await settle();
      return delivered.map((d) => d.optionId);
    };
    // Far from the machine's real time, so only the registered clock can pick these.
    expect(await run(new Date('2031-06-03T10:00:00Z'))).toEqual(['chat']);
    expect(await run(new Date('2031-06-03T20:00:00Z'))).toEqual(['message']);
  });

  it('reports NOT_ALLOWED when none of a tab’s options is open to this user', async () => {
    const { delivered, registry, errors, onError } = setup({ gateCall: true });
    const pillar = fakePillar(conversation);
    connectPillar(pillar, registry, { tabs: { vip: ['call'], talk: ['call', 'support'] }, getContext: () => ({ user: { plan: 'free' } }), onError });
    pillar.click('vip');
    await settle();
    expect(delivered).toEqual([]);
    expect(errors.map((e) => e.error.code)).toEqual(['NOT_ALLOWED']);
    pillar.click('talk');
    await settle();
    expect(delivered.map((d) => d.optionId)).toEqual(['support']);
  });

  it('ignores clicks on tabs that are not options, and malformed events', async () => {
    const { delivered, registry, errors, onError } = setup();
    const pillar = fakePillar(conversation);
    connectPillar(pillar, registry, { onError });
    pillar.click('assistant');
    pillar.click('my-own-tab');
    for (const listener of pillar.listeners) {
      (listener as (data: unknown) => void)(undefined);
      (listener as (data: unknown) => void)({ tabId: 42 });
    }
    await settle();
    expect(delivered).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('starts nothing on a second click while an escalation is running, and escalates again afterwards', async () => {
    const delivered: Delivered[] = [];
    const gate = deferred<{ status: 'opened' }>();
    const registry = registryAt(NOW, [{ id: 'support', label: 'Talk to Support', adapter: recordingAdapter('chat', delivered, 'support', () => gate.promise) }, { id: 'call', label: 'Call', adapter: recordingAdapter('call', delivered, 'call') }]);
    const pillar = fakePillar(conversation);
    const results: EscalationResult[] = [];
    connectPillar(pillar, registry, { onEscalated: (result) => results.push(result) });

    pillar.click('support');
    pillar.click('support');
    pillar.click('call');
    await settle();
    expect(delivered.map((d) => d.optionId)).toEqual(['support']);

    gate.resolve({ status: 'opened' });
    await settle();
    expect(results).toHaveLength(1);
    pillar.click('call');
    await settle();
    expect(delivered.map((d) => d.optionId)).toEqual(['support', 'call']);
  });

  it('escalates with a useful payload when there is no conversation yet (getChatContext() is null)', async () => {
    const { delivered, registry, errors, onError } = setup();
    const pillar = fakePillar(null);
    connectPillar(pillar, registry, { getContext: () => ({ user, page }), onError });
    pillar.click('support');
    await settle();
    expect(errors).toEqual([]);
    expect(delivered[0]!.payload).toEqual({ transcript: '', user: 'ada@example.com', reason: null, conversationId: null });
    expect(delivered[0]!.context).toMatchObject({ conversationId: null, messages: [], user, page });
  });

  it('still escalates, without the conversation, when the SDK throws from getChatContext()', async () => {
    const { delivered, registry, errors, onError } = setup();
    const pillar = fakePillar(conversation);
    pillar.getChatContext = () => {
      throw new Error('store not ready');
    };
    connectPillar(pillar, registry, { getContext: () => ({ user }), onError });
    pillar.click('support');
    await settle();
    expect(errors).toEqual([]);
    expect(delivered[0]!.context).toMatchObject({ conversationId: null, messages: [], user });
  });

  it('falls back to the next option when the first is unavailable', async () => {
    const { delivered, registry, results, onEscalated } = setup({ blockSupport: true });
    const pillar = fakePillar(conversation);
    connectPillar(pillar, registry, { onEscalated });
    pillar.click('support');
    await settle();
    expect(delivered.map((d) => d.optionId)).toEqual(['support', 'email']);
    expect(results[0]!.result).toMatchObject({ optionId: 'email', requestedOptionId: 'support' });
    expect(delivered[1]!.payload.transcript).toContain('charged twice');
  });

  it('reports a failed delivery to onError and the registry events, never to the SDK', async () => {
    const delivered: Delivered[] = [];
    const registry = registryAt(NOW, [
      { id: 'support', label: 'Talk to Support', adapter: recordingAdapter('chat', delivered, 'support', () => Promise.reject(new Error('boom'))) },
    ]);
    const failures: unknown[] = [];
    registry.on('escalation:failure', (event) => failures.push(event.error.code));
    const errors: Array<[EscalationError, EscalationSource]> = [];
    const pillar = fakePillar(conversation);
    connectPillar(pillar, registry, { onError: (error, source) => errors.push([error, source]) });
    pillar.click('support');
    await settle();
    expect(errors).toHaveLength(1);
    expect(isEscalationError(errors[0]![0])).toBe(true);
    expect(errors[0]![0].code).toBe('PROVIDER_UNAVAILABLE');
    expect(errors[0]![1]).toEqual({ via: 'sidebar', tabId: 'support', optionId: 'support' });
    expect(failures).toEqual(['PROVIDER_UNAVAILABLE']);
  });

  it('reports NOT_ALLOWED when the user may no longer use the clicked tab', async () => {
    const { delivered, registry, errors, onError } = setup({ gateCall: true });
    const pillar = fakePillar(conversation);
    connectPillar(pillar, registry, { getContext: () => ({ user: { ...user, plan: 'free' } }), onError });
    pillar.click('call');
    await settle();
    expect(delivered).toEqual([]);
    expect(errors.map((e) => e.error.code)).toEqual(['NOT_ALLOWED']);
  });

  it('reports a failing getContext as CONFIGURATION with the cause, and escalates nothing', async () => {
    const { delivered, registry, errors, onError } = setup();
    const pillar = fakePillar(conversation);
    const cause = new Error('session expired');
    connectPillar(pillar, registry, { getContext: () => Promise.reject(cause), onError });
    pillar.click('support');
    await settle();
    expect(delivered).toEqual([]);
    expect(errors[0]!.error).toMatchObject({ code: 'CONFIGURATION', message: expect.stringContaining('session expired'), cause });
  });

  it('reports a getContext that returns junk, or invalid user data, as typed errors', async () => {
    const { registry, errors, onError } = setup();
    const pillar = fakePillar(conversation);
    const disconnect = connectPillar(pillar, registry, { getContext: () => 'ada' as never, onError });
    pillar.click('support');
    await settle();
    disconnect();
    connectPillar(pillar, registry, { getContext: () => ({ user: { email: 42 as never } }), onError });
    pillar.click('support');
    await settle();
    expect(errors.map((e) => e.error.code)).toEqual(['CONFIGURATION', 'INVALID_CONTEXT']);
    expect(errors[1]!.error.message).toContain('user.email');
  });

  it('swallows an onError or onEscalated that throws: nothing reaches the SDK or goes unhandled', async () => {
    const { registry } = setup({ blockSupport: false });
    const pillar = fakePillar(conversation);
    connectPillar(pillar, registry, {
      onEscalated: () => {
        throw new Error('analytics down');
      },
      onError: () => {
        throw new Error('logger down');
      },
    });
    expect(() => pillar.click('support')).not.toThrow();
    await settle();
  });

  it('logs to console.error when no onError is given', async () => {
    const { registry } = setup();
    const pillar = fakePillar(conversation);
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      connectPillar(pillar, registry, { getContext: () => Promise.reject(new Error('nope')) });
      pillar.click('support');
      await settle();
      expect(spy).toHaveBeenCalledWith(expect.stringContaining('CONFIGURATION'), { via: 'sidebar', tabId: 'support', optionId: 'support' });
    } finally {
      spy.mockRestore();
    }
  });
});

describe('connectPillar: disconnect', () => {
  it('removes the click listener and the tool, once', async () => {
    const { delivered, registry } = setup();
    const pillar = fakePillar(conversation);
    const disconnect = connectPillar(pillar, registry, { tool: escalationTool() });
    expect(pillar.listeners.size).toBe(1);
    expect([...pillar.tools.keys()]).toEqual(['escalate_to_human']);
    disconnect();
    disconnect();
    expect(pillar.listeners.size).toBe(0);
    expect(pillar.tools.size).toBe(0);
    pillar.click('support');
    await settle();
    expect(delivered).toEqual([]);
  });

  it('ignores a late event from an SDK that kept the listener after unsubscribing', async () => {
    const { delivered, registry } = setup();
    const pillar = fakePillar(conversation);
    let kept: ((data: { tabId: string; label: string }) => void) | undefined;
    pillar.on = (_event, callback) => {
      kept = callback;
      return () => {};
    };
    const disconnect = connectPillar(pillar, registry);
    disconnect();
    kept!({ tabId: 'support', label: 'Talk to Support' });
    await settle();
    expect(delivered).toEqual([]);
  });

  it('tolerates an SDK whose unsubscribe throws or is not a function', () => {
    const { registry } = setup();
    const pillar = fakePillar(conversation);
    pillar.on = () => {
      throw new Error('x');
    };
    expect(() => connectPillar(pillar, registry)).toThrow('x');
    pillar.on = (() => undefined) as never;
    pillar.defineTool = (() => () => {
      throw new Error('y');
    }) as never;
    const disconnect = connectPillar(pillar, registry, { tool: escalationTool() });
    expect(() => disconnect()).not.toThrow();
  });
});

describe('connectPillar: configuration errors throw CONFIGURATION at connect time', () => {
  const { registry } = setup();
  it.each([
    ['no Pillar instance', () => connectPillar(undefined as never, registry), /Pillar instance/],
    ['a Pillar without getChatContext', () => connectPillar({ on: () => () => {} } as never, registry), /getChatContext/],
    ['no registry', () => connectPillar(fakePillar(), {} as never), /EscalationRegistry/],
    ['a tab mapped to no option', () => connectPillar(fakePillar(), registry, { tabs: { help: 'nope' } }), /tabs\["help"\] names "nope"/],
    ['a tab mapped to a list with an unknown option', () => connectPillar(fakePillar(), registry, { tabs: { help: ['support', 'nope'] } }), /tabs\["help"\] names "nope"/],
    ['a tab mapped to an empty list', () => connectPillar(fakePillar(), registry, { tabs: { help: [] } }), /tabs\["help"\] is an empty list/],
    ['a tool without defineTool', () => connectPillar({ ...fakePillar(), defineTool: undefined }, registry, { tool: escalationTool() }), /defineTool/],
    ['a tool route to an unknown option (checked against the registry)', () => connectPillar(fakePillar(), registry, { tool: escalationTool({ routes: { billing: ['billing-desk'] } }) }), /^connectPillar: tool\.routes\.billing names "billing-desk", which is not a registered option$/],
    ['tool: true (the tool is escalationTool() now)', () => connectPillar(fakePillar(), registry, { tool: true } as never), /write tool: escalationTool\(\) \(import \{ escalationTool \} from '@pillar\/escalation-core'\)/],
    ['tool options given directly', () => connectPillar(fakePillar(), registry, { tool: { routes: { billing: ['email'] }, autoRun: false } } as never), /write tool: escalationTool\(\{ routes, autoRun \}\)/],
    ['an empty options object as the tool', () => connectPillar(fakePillar(), registry, { tool: {} } as never), /write tool: escalationTool\(\{ \.\.\. \}\)/],
    ['a string as the tool', () => connectPillar(fakePillar(), registry, { tool: 'escalate_to_human' } as never), /write tool: escalationTool\(\{ \.\.\. \}\)/],
  ])('%s', (_, connect, message) => {
    let thrown: unknown;
    try {
      connect();
    } catch (error) {
      thrown = error;
    }
    expect(isEscalationError(thrown) && thrown.code).toBe('CONFIGURATION');
    expect((thrown as Error).message).toMatch(message);
  });

  it.each([
    ['a bad tool name', () => escalationTool({ name: 'talk to a human' }), 'escalationTool: tool name "talk to a human" is not valid'],
    ['a route for an unknown reason', () => escalationTool({ routes: { refund: ['support'] } as never }), 'escalationTool: routes has an unknown reason "refund"'],
    ['an empty route', () => escalationTool({ routes: { bug: [] } }), 'escalationTool: routes.bug must be a non-empty list of option ids'],
    ['routes that are not an object', () => escalationTool({ routes: 'support' as never }), 'escalationTool: routes must map reasons to option ids'],
    ['malformed hours', () => escalationTool({ hours: { timeZone: 'Mars/Olympus', weekly: { mon: [['09:00', '17:00']] } } }), 'escalationTool: hours: businessHours: timeZone "Mars/Olympus"'],
    ['hours that are a gate but not businessHours()', () => escalationTool({ hours: (() => true) as never }), 'escalationTool: hours must be a businessHours() gate or its spec, got another function'],
    ['options that are not an object', () => escalationTool(true as never), 'escalationTool: expected an options object'],
  ])('escalationTool refuses %s when it is created, before any Pillar', (_, create, message) => {
    let thrown: unknown;
    try {
      create();
    } catch (error) {
      thrown = error;
    }
    expect(isEscalationError(thrown) && thrown.code).toBe('CONFIGURATION');
    expect((thrown as Error).message.startsWith(message)).toBe(true);
  });

  it('does not leave the click listener behind when a tool route names no option', () => {
    const pillar = fakePillar();
    expect(() => connectPillar(pillar, registry, { tool: escalationTool({ routes: { bug: ['support', 'nope'] } }) })).toThrow(/routes\.bug names "nope"/);
    expect(pillar.listeners.size).toBe(0);
    expect(pillar.defineTool).not.toHaveBeenCalled();
  });

  it('one tool can be connected again (a re-initialised Pillar), each connection on its own', async () => {
    const { delivered, registry: fresh } = setup();
    const tool = escalationTool({ routes: { bug: ['email'] } });
    expect(tool.name).toBe('escalate_to_human');
    const first = fakePillar(conversation);
    const disconnectFirst = connectPillar(first, fresh, { tool });
    const firstExecute = first.tools.get('escalate_to_human')!.execute;
    disconnectFirst();
    const second = fakePillar(conversation);
    connectPillar(second, fresh, { tool });
    expect(await firstExecute({ reason: 'bug' })).toMatchObject({ status: 'failed', error: 'CONFIGURATION' });
    expect(await second.callTool('escalate_to_human', { reason: 'bug' })).toMatchObject({ escalated: true, optionId: 'email' });
    expect(delivered.map((d) => d.optionId)).toEqual(['email']);
  });

  it('refuses an option whose id is a tab Pillar keeps for itself', () => {
    for (const id of ['assistant', 'tools']) {
      const clashing = registryAt(NOW, [{ id, label: 'Help', adapter: recordingAdapter('chat', [], id) }]);
      expect(() => connectPillar(fakePillar(), clashing)).toThrow(new RegExp(`option id "${id}" is a tab Pillar keeps for itself`));
    }
  });

  it('does not leave the click listener behind when defineTool throws', () => {
    const pillar = fakePillar();
    pillar.defineTool = () => {
      throw new Error('tools disabled');
    };
    expect(() => connectPillar(pillar, registry, { tool: escalationTool() })).toThrow(/tools disabled/);
    expect(pillar.listeners.size).toBe(0);
  });

  it('defines no tool unless asked', () => {
    const pillar = fakePillar();
    connectPillar(pillar, registry);
    expect(pillar.defineTool).not.toHaveBeenCalled();
  });

  it('lists the four cases, the reasons and an optional summary in the tool definition', () => {
    const pillar = fakePillar();
    connectPillar(pillar, registry, { tool: escalationTool({ autoRun: false }) });
    const tool = pillar.tools.get('escalate_to_human')!;
    expect(tool.description).toMatch(/asks\s+for a person/);
    expect(tool.description).toMatch(/billing dispute/);
    expect(tool.description).toMatch(/account issue/);
    expect(tool.description).toMatch(/bug needs engineering/);
    expect(tool.description).toMatch(/cannot resolve it/);
    expect(tool.description).toMatch(/do not need a human/);
    expect(tool.examples!.length).toBeGreaterThanOrEqual(8);
    expect(tool.inputSchema).toEqual({
      type: 'object',
      properties: { reason: expect.objectContaining({ type: 'string', enum: [...ESCALATION_REASONS] }), summary: expect.objectContaining({ type: 'string' }) },
      required: ['reason'],
    });
    expect(tool.autoRun).toBe(false);
  });
});
