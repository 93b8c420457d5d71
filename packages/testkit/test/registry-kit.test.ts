import { EscalationError, type EscalationAdapter, type EscalationContext } from '@pillar/escalation-core';
import { recordingAdapter, registryWithFallback } from '../src';

const context: EscalationContext = { conversationId: 'c1', messages: [{ role: 'user', content: 'help' }, { role: 'assistant', content: 'sure' }] };

function failing(error: EscalationError): EscalationAdapter<{ n: number }> {
  return { kind: 'failing', runtime: 'universal', toPayload: () => ({ n: 1 }), deliver: () => Promise.reject(error) };
}

describe('recordingAdapter', () => {
  it('records each delivery (payload and key) and answers the delivery it was given', async () => {
    const adapter = recordingAdapter({ delivery: { status: 'created', reference: { id: 'T-1' } } });
    const payload = adapter.toPayload(context);
    await expect(adapter.deliver(payload, { idempotencyKey: 'k1', context })).resolves.toEqual({ status: 'created', reference: { id: 'T-1' } });
    expect(adapter.delivered).toBe(1);
    expect(adapter.deliveries).toEqual([{ payload: { messages: 2 }, idempotencyKey: 'k1' }]);
  });
});

describe('registryWithFallback', () => {
  it('falls back after a failure that proves nothing was delivered', async () => {
    const run = registryWithFallback(failing(new EscalationError('PROVIDER_UNAVAILABLE', 'down', { retryable: true })));
    const { result, error } = await run.escalate(context);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ optionId: 'fallback', requestedOptionId: 'primary', status: 'redirected' });
    expect(run.fallback.delivered).toBe(1);
  });

  it('does not fall back when the record may exist, and hands back the error', async () => {
    const run = registryWithFallback(failing(new EscalationError('TIMEOUT', 'lost answer', { retryable: true, details: { ambiguous: true } })), { option: { fallbackOnAmbiguous: false } });
    const { result, error } = await run.escalate(context);
    expect(result).toBeUndefined();
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(run.fallback.delivered).toBe(0);
  });
});
