import {
  connectPillar,
  createRegistry,
  renderTranscript,
  type EscalationAdapter,
  type EscalationContext,
  type SummarizeBrief,
} from '@pillar/escalation-core';
import { fakePillar } from './connect-pillar.support';

const context: EscalationContext = {
  conversationId: 'c-1',
  user: { email: 'ana@example.com', timeZone: 'Europe/Paris' },
  messages: [
    { role: 'user', content: 'The export fails with error 500 since this morning.', createdAt: '2026-12-07T09:00:00Z' },
    { role: 'assistant', content: 'Try the export again with a smaller date range.' },
    { role: 'user', content: 'Did that, still error 500. Card 4242 4242 4242 4242.' },
  ],
};

/** An adapter whose payload is the transcript, as every real adapter renders it. */
function transcriptAdapter(kind = 'test-transcript'): EscalationAdapter<{ body: string }> {
  return {
    kind,
    runtime: 'universal',
    toPayload: (ctx) => ({ body: renderTranscript(ctx, { format: 'html', maxLength: 4_000 }) }),
    deliver: async () => ({ status: 'created' }),
  };
}

describe('registry: the brief in every payload', () => {
  it('labels payloads in the registry’s agentLocale, or the option’s own', () => {
    const registry = createRegistry({
      options: [
        { id: 'de', label: 'DE', adapter: transcriptAdapter() },
        { id: 'fr', label: 'FR', adapter: transcriptAdapter(), agentLocale: 'fr' },
      ],
      brief: { agentLocale: 'de' },
    });
    const de = registry.preview('de', context).payload as { body: string };
    const fr = registry.preview('fr', context).payload as { body: string };
    expect(de.body.startsWith('<p><strong>Anliegen:</strong> The export fails')).toBe(true);
    expect(fr.body.startsWith('<p><strong>Demande:</strong> The export fails')).toBe(true);
    expect(de.body).not.toContain('4242 4242');
  });

  it('leaves the brief out of every payload with brief.enabled: false', () => {
    const registry = createRegistry({ options: [{ id: 'a', label: 'A', adapter: transcriptAdapter() }], brief: { enabled: false } });
    const body = (registry.preview('a', context).payload as { body: string }).body;
    expect(body).not.toContain('Request:');
    expect(body.startsWith('<p><strong>Customer:</strong>')).toBe(true);
  });

  it('refuses malformed brief settings at creation', () => {
    expect(() => createRegistry({ options: [], brief: { agentLocale: '??' } })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
    expect(() => createRegistry({ options: [], brief: { summarize: 'yes' as never } })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
    expect(() => createRegistry({ options: [], brief: { summarizeTimeoutMs: -1 } })).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });

  it('preview returns the deterministic brief and says so', () => {
    const registry = createRegistry([{ id: 'a', label: 'A', adapter: transcriptAdapter() }]);
    const preview = registry.preview('a', context);
    expect(preview.brief.source).toBe('deterministic');
    expect(preview.brief.brief.request?.messageIndex).toBe(0);
    expect(preview.brief.brief.tried.map((s) => s.messageIndex)).toEqual([1]);
  });

  it('puts the app’s summary first, redacted and escaped, and the preview says it was used', async () => {
    const summarize = jest.fn<ReturnType<SummarizeBrief>, Parameters<SummarizeBrief>>(async () => 'Export <b>fails</b> for card 4242 4242 4242 4242');
    const delivered: string[] = [];
    const adapter = transcriptAdapter();
    adapter.deliver = async (payload) => {
      delivered.push((payload as { body: string }).body);
      return { status: 'created' };
    };
    const registry = createRegistry({ options: [{ id: 'a', label: 'A', adapter }], brief: { summarize } });
    const preview = await registry.previewWithSummary('a', context);
    expect(preview.brief.source).toBe('summary');
    expect(preview.brief.summary).toBe('Export <b>fails</b> for card [card •••• 4242]');
    const body = (preview.payload as { body: string }).body;
    expect(body.startsWith('<p><strong>Summary:</strong> Export &lt;b&gt;fails&lt;/b&gt; for card [card •••• 4242]</p>')).toBe(true);
    expect(body).toContain('<strong>Request:</strong> The export fails');
    // The app's summarizer sees the redacted context and the deterministic brief.
    expect(summarize.mock.calls[0]![0].messages[2]!.content).not.toContain('4242 4242');
    expect(summarize.mock.calls[0]![1].request?.messageIndex).toBe(0);

    await registry.escalate('a', context);
    expect(delivered[0]!.startsWith('<p><strong>Summary:</strong>')).toBe(true);
  });

  it('never waits past the timeout: a slow or failing summarizer leaves the deterministic brief', async () => {
    const slow: SummarizeBrief = () => new Promise((resolve) => setTimeout(() => resolve('late'), 5_000).unref());
    const registry = createRegistry({ options: [{ id: 'a', label: 'A', adapter: transcriptAdapter() }], brief: { summarize: slow, summarizeTimeoutMs: 50 } });
    const started = Date.now();
    const preview = await registry.previewWithSummary('a', context);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(preview.brief).toEqual(expect.objectContaining({ source: 'deterministic', fallback: 'timeout' }));
    expect((preview.payload as { body: string }).body.startsWith('<p><strong>Request:</strong>')).toBe(true);

    const failing = createRegistry({ options: [{ id: 'a', label: 'A', adapter: transcriptAdapter() }], brief: { summarize: async () => { throw new Error('LLM down'); } } });
    expect((await failing.previewWithSummary('a', context)).brief).toEqual(expect.objectContaining({ source: 'deterministic', fallback: 'error' }));
    const blank = createRegistry({ options: [{ id: 'a', label: 'A', adapter: transcriptAdapter() }], brief: { summarize: async () => '   ' } });
    expect((await blank.previewWithSummary('a', context)).brief).toEqual(expect.objectContaining({ source: 'deterministic', fallback: 'empty' }));
    const result = await failing.escalate('a', context);
    expect(result.status).toBe('created');
  });

  it('bounds the summary', async () => {
    const registry = createRegistry({ options: [{ id: 'a', label: 'A', adapter: transcriptAdapter() }], brief: { summarize: async () => 'word '.repeat(2_000) } });
    const preview = await registry.previewWithSummary('a', context);
    expect(preview.brief.summary!.length).toBeLessThanOrEqual(1_500);
  });
});

describe('connectPillar: what the co-pilot did', () => {
  type Listener = (data: unknown) => void;
  function sdk() {
    const listeners = new Map<string, Set<Listener>>();
    const pillar = fakePillar({ conversationId: 'c-1', messages: [{ role: 'user', content: 'My export fails with error 500.' }] });
    pillar.on = ((event: string, callback: Listener) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(callback);
      if (event === 'sidebar:click') pillar.listeners.add(callback as never);
      return () => {
        listeners.get(event)!.delete(callback);
        pillar.listeners.delete(callback as never);
      };
    }) as never;
    const emit = (event: string, data: unknown) => listeners.get(event)?.forEach((l) => l(data));
    return { pillar, emit, listeners };
  }

  it('records task:complete, tool:result (once per run) and setContext, bounded, into context.copilot', async () => {
    const delivered: EscalationContext[] = [];
    const registry = createRegistry([
      { id: 'support', label: 'Support', adapter: { kind: 'rec', runtime: 'browser', toPayload: (c) => c, deliver: async (_p, { context: c }) => (delivered.push(c), { status: 'opened' }) } },
    ]);
    const { pillar, emit, listeners } = sdk();
    const disconnect = connectPillar(pillar, registry, { clock: { now: () => new Date('2026-12-07T10:00:00Z') } });
    emit('tool:result', { toolName: 'lookup_invoice', result: { total: 3 } });
    emit('task:complete', { name: 'lookup_invoice', success: true, data: { total: 3 } });
    emit('task:complete', { name: 'export_csv', success: false });
    emit('context:change', { context: { currentPage: '/reports', currentFeature: 'Exports', errorState: { code: 'E500', message: 'Export failed' } } });
    for (let i = 0; i < 30; i++) emit('task:complete', { name: `step_${i}`, success: true });
    pillar.click('support');
    await new Promise((r) => setTimeout(r, 10));
    const copilot = delivered[0]!.copilot!;
    expect(copilot.page).toBe('/reports');
    expect(copilot.feature).toBe('Exports');
    expect(copilot.error).toBe('E500: Export failed');
    expect(copilot.actions).toHaveLength(20);
    expect(copilot.actions![19]).toEqual({ name: 'step_29', outcome: 'succeeded', at: '2026-12-07T10:00:00.000Z' });
    disconnect();
    expect([...listeners.values()].every((set) => set.size === 0)).toBe(true);
  });

  it('counts a tool run once, and a failed result as failed', async () => {
    const delivered: EscalationContext[] = [];
    const registry = createRegistry([
      { id: 'support', label: 'Support', adapter: { kind: 'rec', runtime: 'browser', toPayload: (c) => c, deliver: async (_p, { context: c }) => (delivered.push(c), { status: 'opened' }) } },
    ]);
    const { pillar, emit } = sdk();
    connectPillar(pillar, registry);
    emit('tool:result', { toolName: 'lookup', result: { success: false } });
    emit('task:complete', { name: 'lookup', success: false });
    emit('task:complete', { name: 'open_settings', success: true });
    pillar.click('support');
    await new Promise((r) => setTimeout(r, 10));
    expect(delivered[0]!.copilot!.actions!.map((a) => [a.name, a.outcome])).toEqual([
      ['lookup', 'failed'],
      ['open_settings', 'succeeded'],
    ]);
  });

  it('records nothing with recordActivity: false, and works with an SDK that knows only sidebar:click', async () => {
    const delivered: EscalationContext[] = [];
    const registry = createRegistry([
      { id: 'support', label: 'Support', adapter: { kind: 'rec', runtime: 'browser', toPayload: (c) => c, deliver: async (_p, { context: c }) => (delivered.push(c), { status: 'opened' }) } },
    ]);
    const { pillar, emit } = sdk();
    connectPillar(pillar, registry, { recordActivity: false });
    emit('task:complete', { name: 'x', success: true });
    pillar.click('support');
    const strict = fakePillar({ conversationId: 'c-2', messages: [{ role: 'user', content: 'hello there, export broken' }] });
    connectPillar(strict, registry);
    strict.click('support');
    await new Promise((r) => setTimeout(r, 10));
    expect(delivered).toHaveLength(2);
    expect(delivered.every((c) => c.copilot === undefined)).toBe(true);
  });
});
