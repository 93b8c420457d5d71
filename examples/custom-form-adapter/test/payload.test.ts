import { createRegistry, type EscalationContext } from '@pillar/escalation-core';
import { contextFixture } from '@pillar/escalation-testkit';
import { customForm, FIELD_MAX_LENGTH, SUBJECT_MAX_LENGTH, type CustomFormPayload } from '../src';

describe('customForm toPayload', () => {
  it('builds the form model from the context', () => {
    const context = contextFixture('multi-turn');
    const payload = customForm({ endpoint: '/api/support' }).toPayload(context);
    expect(payload).toMatchObject<Partial<CustomFormPayload>>({
      subject: 'Why was I charged twice for my Pro plan this month?',
      conversationId: context.conversationId,
      reason: context.reason ?? null,
      fields: [
        { name: 'name', label: 'Your name', type: 'text', required: false, value: 'Ada Lovelace' },
        { name: 'email', label: 'Email', type: 'email', required: true, value: 'ada@example.com' },
      ],
    });
    expect(payload.transcript).toContain('I want a refund for the duplicate.');
  });

  it('masks card numbers in the transcript it prefills', () => {
    const payload = customForm({ endpoint: '/api/support' }).toPayload(contextFixture('card-numbers'));
    expect(payload.transcript).not.toContain('4242 4242 4242 4242');
  });

  it('cuts the subject, the transcript and long user values to their limits', () => {
    const payload = customForm({ endpoint: '/api/support', maxTranscriptLength: 500 }).toPayload(contextFixture('long-single-word'));
    expect(payload.subject.length).toBeLessThanOrEqual(SUBJECT_MAX_LENGTH);
    expect(payload.transcript.length).toBeLessThanOrEqual(500);
    for (const field of payload.fields) expect(field.value.length).toBeLessThanOrEqual(FIELD_MAX_LENGTH);
  });

  it('leaves a field empty when the context has no value for it', () => {
    const context: EscalationContext = { conversationId: null, messages: [] };
    const payload = customForm({ endpoint: '/x', fields: [{ name: 'plan', label: 'Plan', prefill: 'plan' }] }).toPayload(context);
    expect(payload.fields).toEqual([{ name: 'plan', label: 'Plan', type: 'text', required: false, value: '' }]);
    expect(payload.subject).not.toBe('');
  });
});

describe('customForm in a registry', () => {
  it('previews the typed payload by kind', () => {
    const registry = createRegistry([{ id: 'support-form', label: 'Write to us', adapter: customForm({ endpoint: '/api/support' }) }]);
    const preview = registry.preview('support-form', contextFixture('multi-turn'), 'custom-form');
    // `payload` is CustomFormPayload here, through AdapterPayloads: no cast.
    expect(preview.payload.fields.map((field) => field.name)).toEqual(['name', 'email']);
  });

  it('is PROVIDER_UNAVAILABLE without a document (server rendering), so a fallback can run', async () => {
    const adapter = customForm({ endpoint: '/api/support' });
    const context = contextFixture('one-message');
    await expect(adapter.deliver(adapter.toPayload(context), { context, idempotencyKey: 'k' })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
  });
});
