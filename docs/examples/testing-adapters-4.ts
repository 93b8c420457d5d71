import { acmeDesk } from './testing-adapters-1';
import { EscalationError } from '@pillar/escalation-core';
import { checkHtmlSafety, checkLimits, contextFixture } from '@pillar/escalation-testkit';

const adapter = acmeDesk({ subdomain: 'test', token: 'test-token' });

describe('acme-ticket payload', () => {
  it('masks card numbers before they reach the ticket', () => {
    const ticket = adapter.toPayload(contextFixture('card-numbers'));
    expect(ticket.html_body).not.toContain('4242 4242 4242 4242');
    expect(ticket.html_body).toContain('4242 4242 4242 4241'); // fails Luhn: not a card
  });

  it('keeps a pasted email thread inside the limits and free of its markup', () => {
    const context = {
      conversationId: 'conv_mail',
      messages: [{ role: 'user' as const, content: '<table><tr><td onclick="x()">'.repeat(5_000) }],
    };
    const ticket = adapter.toPayload(context);
    checkLimits(ticket, adapter.limits, 'pasted email');
    checkHtmlSafety(ticket, context, 'pasted email', { htmlFields: ['html_body'], textFields: ['subject'] });
  });

  it('rejects a bad subdomain when delivering', async () => {
    const broken = acmeDesk({ subdomain: '', token: 'x' });
    await expect(broken.deliver(broken.toPayload(contextFixture('one-message')), { context: contextFixture('one-message'), idempotencyKey: 'k' })).rejects.toBeInstanceOf(
      EscalationError,
    );
  });
});
