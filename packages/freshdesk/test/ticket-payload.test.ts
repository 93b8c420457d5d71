import { renderTranscript, truncateText, type EscalationContext } from '@pillar/escalation-core';
import { contextFixtures } from '@pillar/escalation-testkit';
import { FRESHDESK_PRIORITY, FRESHDESK_SOURCE, FRESHDESK_STATUS, freshdeskTicket, type FreshdeskTicketOptions } from '@pillar/escalation-freshdesk/server';
import { billingContext, ticketSchemaErrors } from './support';

const base: FreshdeskTicketOptions = { domain: 'acme', apiKey: 'fd_test_key_123' };

describe('freshdeskTicket toPayload', () => {
  it('builds subject, HTML transcript, requester, defaults and mapped custom fields', () => {
    const adapter = freshdeskTicket({
      ...base,
      fields: { reason: 'cf_reason', plan: 'cf_plan', conversationId: 'cf_conversation_id', pageUrl: 'cf_page_url', metadata: { accountId: 'cf_account' } },
    });
    const context = billingContext();
    expect(adapter.toPayload(context)).toEqual({
      subject: 'How do I export my invoices to CSV?',
      description: renderTranscript(context, { format: 'html', maxLength: 50_000 }),
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      status: 2,
      priority: 1,
      source: 7,
      tags: ['pillar-escalation', 'reason-billing'],
      custom_fields: {
        cf_reason: 'billing',
        cf_plan: 'pro',
        cf_conversation_id: 'conv_123',
        cf_page_url: 'https://app.example.com/billing?tab=invoices',
        cf_account: 'acct_9',
      },
    });
  });

  it('escapes what the user typed in the HTML description and keeps the question and the answer', () => {
    const { description } = freshdeskTicket(base).toPayload(billingContext());
    expect(description).toContain('How do I export my invoices to CSV?');
    expect(description).toContain('Go to Billing → Invoices and click Export.');
    expect(description).toContain('&lt;b&gt;anywhere&lt;/b&gt;');
    expect(description).not.toContain('<b>anywhere');
  });

  it('is deterministic and JSON-serializable', () => {
    const adapter = freshdeskTicket({ ...base, fields: { reason: 'cf_reason' } });
    const a = adapter.toPayload(billingContext());
    expect(adapter.toPayload(billingContext())).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('sends only the mapped facts that are present and omits custom_fields when none are', () => {
    const adapter = freshdeskTicket({ ...base, fields: { reason: 'cf_reason', plan: 'cf_plan' } });
    const context: EscalationContext = { conversationId: null, messages: [{ role: 'user', content: 'Hi' }], user: { email: 'a@example.com' } };
    expect(adapter.toPayload(context).custom_fields).toBeUndefined();
    expect(adapter.toPayload({ ...context, reason: 'bug' }).custom_fields).toEqual({ cf_reason: 'bug' });
  });

  it('cuts mapped text values to the 255 characters of a single-line field', () => {
    const adapter = freshdeskTicket({ ...base, fields: { pageUrl: 'cf_page_url' } });
    const url = `https://app.example.com/?q=${'x'.repeat(400)}`;
    const value = adapter.toPayload({ ...billingContext(), page: { url } }).custom_fields?.cf_page_url;
    expect(typeof value).toBe('string');
    expect((value as string).length).toBeLessThanOrEqual(255);
    expect(url.startsWith((value as string).slice(0, 200))).toBe(true);
  });

  it('cuts the requester name to 255 characters (its own bound, not the custom field one), trimmed first', () => {
    const name = `${'Ada '.repeat(70)}Lovelace`;
    const payload = freshdeskTicket(base).toPayload({ ...billingContext(), user: { email: 'a@example.com', name: `  ${name}  ` } });
    expect(payload.name).toHaveLength(255);
    expect(payload.name).toBe(truncateText(name, 255));
    expect(freshdeskTicket(base).toPayload({ ...billingContext(), user: { email: 'a@example.com', name: '   ' } })).not.toHaveProperty('name');
  });

  it('reads user attributes into custom fields with their types', () => {
    const adapter = freshdeskTicket({ ...base, fields: { attributes: { seats: 'cf_seats', trial: 'cf_trial' } } });
    const context = billingContext();
    context.user = { ...context.user, attributes: { seats: 12, trial: false } };
    expect(adapter.toPayload(context).custom_fields).toEqual({ cf_seats: 12, cf_trial: false });
  });

  it('takes status, priority, source, tags, group, type and product from the options', () => {
    const adapter = freshdeskTicket({
      ...base,
      status: FRESHDESK_STATUS.pending,
      priority: (c) => (c.reason === 'billing' ? FRESHDESK_PRIORITY.high : FRESHDESK_PRIORITY.low),
      source: FRESHDESK_SOURCE.portal,
      tags: (c) => ['copilot', ` ${c.reason ?? 'none'} `, 'copilot', ''],
      groupId: 42,
      type: 'Question',
      productId: 7,
    });
    expect(adapter.toPayload(billingContext())).toMatchObject({
      status: 3,
      priority: 3,
      source: 2,
      tags: ['copilot', 'billing'],
      group_id: 42,
      type: 'Question',
      product_id: 7,
    });
  });

  it('rejects a priority function that returns something Freshdesk does not know', () => {
    const adapter = freshdeskTicket({ ...base, priority: () => 9 as never });
    expect(() => adapter.toPayload(billingContext())).toThrow(expect.objectContaining({ code: 'CONFIGURATION' }));
  });

  it('uses a fixed or computed subject, one line and at most 255 characters', () => {
    expect(freshdeskTicket({ ...base, subject: 'Co-pilot handoff' }).toPayload(billingContext()).subject).toBe('Co-pilot handoff');
    const long = freshdeskTicket({ ...base, subject: (c) => `${c.reason}\n${'word '.repeat(100)}` }).toPayload(billingContext()).subject;
    expect(long.length).toBeLessThanOrEqual(255);
    expect(long).not.toContain('\n');
  });

  it('falls back to a fixed subject when there is no user message', () => {
    const context: EscalationContext = { conversationId: null, messages: [], user: { email: 'a@example.com' } };
    expect(freshdeskTicket(base).toPayload(context).subject).toBe('Help request from the in-app assistant');
  });

  describe('requester', () => {
    it('fails with INVALID_CONTEXT naming user.email when there is no email', () => {
      const context = { ...billingContext(), user: { id: 'u_42', name: 'Ada' } };
      expect(() => freshdeskTicket(base).toPayload(context)).toThrow(
        expect.objectContaining({ name: 'EscalationError', code: 'INVALID_CONTEXT', details: { path: 'user.email' }, message: expect.stringContaining('user.email') }),
      );
    });

    it('uses user.id as unique_external_id when configured', () => {
      const adapter = freshdeskTicket({ ...base, requesterFallback: 'unique_external_id' });
      const payload = adapter.toPayload({ ...billingContext(), user: { id: 'u_42', name: 'Ada' } });
      expect(payload).toMatchObject({ unique_external_id: 'u_42', name: 'Ada' });
      expect(payload.email).toBeUndefined();
      expect(ticketSchemaErrors(payload)).toEqual([]);
    });

    it('prefers the email when both are there', () => {
      const payload = freshdeskTicket({ ...base, requesterFallback: 'unique_external_id' }).toPayload(billingContext());
      expect(payload.email).toBe('ada@example.com');
      expect(payload.unique_external_id).toBeUndefined();
    });

    it('names both fields when neither is there', () => {
      const adapter = freshdeskTicket({ ...base, requesterFallback: 'unique_external_id' });
      expect(() => adapter.toPayload({ conversationId: null, messages: [] })).toThrow(
        expect.objectContaining({ code: 'INVALID_CONTEXT', details: { path: 'user.email', alternatives: ['user.id'] } }),
      );
    });
  });

  it('keeps every fixture within the limits it declares and valid against the ticket-create schema', () => {
    const adapter = freshdeskTicket({ ...base, requesterFallback: 'unique_external_id', fields: { reason: 'cf_reason', pageUrl: 'cf_page_url', conversationId: 'cf_conversation_id' } });
    let checked = 0;
    for (const [name, fixture] of Object.entries(contextFixtures())) {
      const context: EscalationContext = { ...fixture, user: { ...fixture.user, email: `${name}@example.com` } };
      const payload = adapter.toPayload(context);
      expect({ name, errors: ticketSchemaErrors(payload) }).toEqual({ name, errors: [] });
      expect(payload.description.length).toBeLessThanOrEqual(adapter.limits?.fields?.description ?? 0);
      expect(payload.subject.length).toBeLessThanOrEqual(255);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('cuts a huge transcript with renderTranscript within descriptionMaxLength', () => {
    const adapter = freshdeskTicket({ ...base, descriptionMaxLength: 2_000 });
    const context = contextFixtures()['ten-thousand-messages'];
    context.user = { email: 'a@example.com' };
    const payload = adapter.toPayload(context);
    expect(payload.description.length).toBeLessThanOrEqual(2_000);
    expect(payload.description).toBe(renderTranscript(context, { format: 'html', maxLength: 2_000 }));
  });
});

describe('freshdeskTicket configuration', () => {
  const configError = (options: unknown, path: string) =>
    expect(() => freshdeskTicket(options as FreshdeskTicketOptions)).toThrow(
      expect.objectContaining({ name: 'EscalationError', code: 'CONFIGURATION', details: expect.objectContaining({ path: `options.${path}` }) }),
    );

  it.each(['', '   ', 'https://acme.freshdesk.com', 'acme.zendesk.com', 'ac me', '-acme', 'acme/api', 'a'.repeat(64)])('rejects the domain %j', (domain) => {
    configError({ ...base, domain }, 'domain');
  });

  it('rejects a missing domain', () => configError({ apiKey: 'k' }, 'domain'));

  it.each(['http://localhost:4010', 'http://127.0.0.1:4010', 'http://127.3.2.1', 'http://[::1]:4010', 'https://proxy.example.com'])('accepts the baseUrl %j', (baseUrl) => {
    expect(freshdeskTicket({ ...base, baseUrl }).kind).toBe('freshdesk-ticket');
  });

  it.each(['acme', 'ACME', 'acme.freshdesk.com', 'Acme.Freshdesk.com', ' acme-2 '])('accepts the domain %j', (domain) => {
    expect(freshdeskTicket({ ...base, domain }).kind).toBe('freshdesk-ticket');
  });

  it.each([undefined, '', 'has space', 'ünïcode'])('rejects the apiKey %j', (apiKey) => configError({ ...base, apiKey }, 'apiKey'));

  it.each(['not a url', '/relative', 'ftp://acme.example.com', 'http://proxy.example.com', 'http://10.0.0.5:8080', 'http://127.0.0.1.example.com', 'https://user:pass@proxy.example.com', 'https://proxy.example.com/?x=1', 'https://proxy.example.com/#f', 42])(
    'rejects the baseUrl %j',
    (baseUrl) => configError({ ...base, baseUrl }, 'baseUrl'),
  );

  it.each([
    [{ status: 1 }, 'status'],
    [{ priority: 5 }, 'priority'],
    [{ source: 4 }, 'source'],
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ descriptionMaxLength: 10 }, 'descriptionMaxLength'],
    [{ groupId: 1.5 }, 'groupId'],
    [{ requesterFallback: 'phone' }, 'requesterFallback'],
    [{ fields: { reason: 'reason' } }, 'fields.reason'],
    [{ fields: { metadata: { plan: 'cf plan' } } }, 'fields.metadata.plan'],
    [{ fields: { reason: 'cf_x', plan: 'cf_x' } }, 'fields.plan'],
  ])('rejects %j', (extra, path) => configError({ ...base, ...extra }, path));

  it('declares kind, runtime, limits and no fallback on ambiguous failures', () => {
    const adapter = freshdeskTicket(base);
    expect(adapter).toMatchObject({ kind: 'freshdesk-ticket', runtime: 'server', fallbackOnAmbiguous: false, limits: { fields: { subject: 255, description: 50_000 } } });
  });
});
