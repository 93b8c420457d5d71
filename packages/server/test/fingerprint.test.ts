import { parseContext, type EscalationContext } from '@pillar/escalation-core';
import { requestFingerprint } from '../src/fingerprint';

const base: EscalationContext = parseContext({
  conversationId: 'conv-1',
  messages: [
    { role: 'user', content: 'Zahlung über 12 € fehlgeschlagen 😀 "quote" \\ \n\t', createdAt: '2026-12-07T10:00:00Z' },
    { role: 'assistant', content: 'Try again', createdAt: '2026-12-07T10:00:05.123+01:00' },
    { role: 'user', content: 'It failed again' },
  ],
  user: { id: 'u1', email: 'a@example.com', name: 'Ada' },
  page: { url: 'https://app.example.com/billing', title: 'Billing' },
  reason: 'billing',
});

const withMessage = (context: EscalationContext, index: number, change: Partial<EscalationContext['messages'][number]>): EscalationContext => ({
  ...context,
  messages: context.messages.map((message, i) => (i === index ? { ...message, ...change } : message)),
});

describe('requestFingerprint', () => {
  it('is a hex SHA-256, the same for the same request', () => {
    const digest = requestFingerprint('human', base);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint('human', parseContext(JSON.parse(JSON.stringify(base))))).toBe(digest);
  });

  it('ignores what does not make it another escalation: the page, the reason, names', () => {
    const digest = requestFingerprint('human', base);
    expect(requestFingerprint('human', { ...base, page: { url: 'https://app.example.com/other' }, reason: 'bug', user: { id: 'u1', name: 'Someone' } })).toBe(digest);
  });

  it('differs when any message, the option, the user or the conversation differs', () => {
    const variants = [
      requestFingerprint('human', base),
      requestFingerprint('other', base),
      requestFingerprint('human', { ...base, conversationId: 'conv-2' }),
      requestFingerprint('human', { ...base, conversationId: null }),
      requestFingerprint('human', { ...base, user: { id: 'u2' } }),
      requestFingerprint('human', { ...base, user: { email: 'a@example.com' } }),
      requestFingerprint('human', { ...base, messages: base.messages.slice(1) }),
      requestFingerprint('human', withMessage(base, 0, { content: `${base.messages[0]!.content}.` })),
      requestFingerprint('human', withMessage(base, 0, { role: 'assistant' })),
      requestFingerprint('human', withMessage(base, 0, { createdAt: '2026-12-07T10:00:01Z' })),
      requestFingerprint('human', withMessage(base, 2, { createdAt: '2026-12-07T10:00:09Z' })),
    ];
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('never lets text move from one part to the next unnoticed', () => {
    const one = (content: string, createdAt?: string): EscalationContext => ({ conversationId: 'c', messages: [{ role: 'user', content, ...(createdAt ? { createdAt } : {}) }] });
    const pairs: [EscalationContext, EscalationContext][] = [
      [{ conversationId: 'ab', messages: [] }, { conversationId: 'a', messages: [], user: { id: 'b' } }],
      [{ conversationId: '-', messages: [] }, { conversationId: null, messages: [] }],
      [one('a', '2026-12-07T10:00:00Z'), one('a2026-12-07T10:00:00Z')],
      [one('1:a'), { conversationId: 'c', messages: [{ role: 'user', content: '' }, { role: 'user', content: 'a' }] }],
      [{ conversationId: 'c', messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }] }, { conversationId: 'c', messages: [{ role: 'user', content: 'a4:user1:b' }] }],
    ];
    for (const [a, b] of pairs) expect(requestFingerprint('human', a)).not.toBe(requestFingerprint('human', b));
  });

  it('tells lone surrogates apart (which UTF-8 would both turn into U+FFFD)', () => {
    const lone = (content: string): EscalationContext => ({ conversationId: 'c', messages: [{ role: 'user', content }] });
    expect(requestFingerprint('human', lone('\ud800'))).not.toBe(requestFingerprint('human', lone('\ud801')));
    expect(requestFingerprint('human', lone('\ud800'))).not.toBe(requestFingerprint('human', lone('\ufffd')));
  });
});
