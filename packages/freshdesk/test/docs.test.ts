import { contextFixture } from '@pillar/escalation-testkit';
import { freshdeskWidget } from '@pillar/escalation-freshdesk';
import { freshdeskTicket } from '@pillar/escalation-freshdesk/server';
import { docsPage } from '../../../scripts/test-support/docs-page';

const { text: page, rendered } = docsPage('docs/adapters/freshdesk.md');

describe('docs/adapters/freshdesk.md', () => {
  const mapping = { reason: 'cf_reason', conversationId: 'cf_conversation_id' };

  it('shows the ticket description exactly as the adapter renders it', () => {
    const payload = freshdeskTicket({ domain: 'acme', apiKey: 'k', fields: mapping }).toPayload(contextFixture('multi-turn'));
    expect(rendered('freshdeskTicket description (multi-turn fixture)')).toBe(payload.description);
    expect(page).toContain(`**${payload.subject}**`);
  });

  it('shows the widget description exactly as the adapter renders it', () => {
    const payload = freshdeskWidget({ fields: mapping }).toPayload(contextFixture('multi-turn'));
    expect(rendered('freshdeskWidget description (multi-turn fixture)')).toBe(payload.prefill.description);
  });

  it('shows the ticket body the adapter sends (all but the description)', () => {
    const { description: _d, ...rest } = freshdeskTicket({ domain: 'acme', apiKey: 'k', fields: mapping }).toPayload(contextFixture('multi-turn'));
    const json = /```json\n([\s\S]*?)\n```/.exec(page)?.[1];
    const { description, ...shown } = JSON.parse(json ?? '{}') as Record<string, unknown>;
    expect(typeof description).toBe('string');
    expect(shown).toEqual(rest);
  });
});
