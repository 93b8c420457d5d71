import { EscalationError, renderTranscript, type EscalationContext } from '@pillar/escalation-core';
import { contextFixtures } from '@pillar/escalation-testkit';
import { calendlyScheduling, type CalendlySchedulingOptions } from '../src';
import { hasLoneSurrogate, isRenderedTranscript, queryOf, thrown } from './support';

const fixtures = contextFixtures();
/** encodeURIComponent plus `! ' ( ) *` (which it leaves alone), as the link encodes every value. */
const strictlyEncoded = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const url = 'https://calendly.com/acme/support-call';
const context: EscalationContext = {
  conversationId: 'conv_8f2k',
  messages: [
    { role: 'user', content: 'Can we get SSO on the Pro plan?' },
    { role: 'assistant', content: 'SSO is part of Enterprise. A specialist can walk you through upgrading.' },
  ],
  user: { name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro' },
  reason: 'account',
};

describe('calendlyScheduling toPayload', () => {
  it('builds the scheduling link, the widget URL, prefill and utm', () => {
    const adapter = calendlyScheduling({
      url,
      answers: { a1: 'summary', a2: (c) => c.user?.plan ?? '' },
      utm: { utmSource: 'pillar', utmCampaign: 'escalation' },
      hideDetails: true,
    });
    const payload = adapter.toPayload(context);
    const summary = renderTranscript(context, { format: 'text', maxLength: 2000 });
    expect(payload).toEqual({
      mode: 'popup',
      url:
        'https://calendly.com/acme/support-call?name=Ada%20Lovelace&email=ada%40example.com' +
        `&a1=${strictlyEncoded(summary)}&a2=pro&utm_campaign=escalation&utm_source=pillar&hide_event_type_details=1`,
      embedUrl: 'https://calendly.com/acme/support-call?hide_event_type_details=1',
      prefill: { name: 'Ada Lovelace', email: 'ada@example.com', customAnswers: { a1: summary, a2: 'pro' } },
      utm: { utmSource: 'pillar', utmCampaign: 'escalation' },
    });
    expect(summary).toBe(
      [
        // The handoff brief heads the answer (renderTranscript's default).
        'Request: Can we get SSO on the Pro plan?',
        'Why a human: Account',
        'Customer: Ada Lovelace (ada@example.com)',
        'Plan: pro',
        '',
        'User: Can we get SSO on the Pro plan?',
        '',
        'Assistant: SSO is part of Enterprise. A specialist can walk you through upgrading.',
      ].join('\n'),
    );
    expect(adapter).toMatchObject({ kind: 'calendly-scheduling', runtime: 'browser', limits: { maxUrlLength: 2000 } });
  });

  it("fills 'question' with the user's first message and sets every display flag", () => {
    const payload = calendlyScheduling({ url, mode: 'link', answers: { a3: 'question' }, hideLandingPageDetails: true, hideGdprBanner: true }).toPayload(context);
    expect(queryOf(payload.url)).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      a3: 'Can we get SSO on the Pro plan?',
      hide_landing_page_details: '1',
      hide_gdpr_banner: '1',
    });
    expect(payload.embedUrl).toBe('https://calendly.com/acme/support-call?hide_landing_page_details=1&hide_gdpr_banner=1');
  });

  it('leaves the user out with prefillUser: false, and fills slots in order a1...a10', () => {
    const payload = calendlyScheduling({ url, prefillUser: false, answers: { a10: () => 'ten', a2: () => 'two', a1: () => 'one' } }).toPayload(context);
    expect(Object.keys(queryOf(payload.url))).toEqual(['a1', 'a2', 'a10']);
    expect(payload.prefill).toEqual({ customAnswers: { a1: 'one', a2: 'two', a10: 'ten' } });
  });

  it("keeps the page's own query, replacing a parameter it sets itself", () => {
    const payload = calendlyScheduling({ url: `${url}?month=2026-12&name=Someone`, answers: {} }).toPayload(context);
    expect(payload.url).toBe('https://calendly.com/acme/support-call?month=2026-12&name=Ada%20Lovelace&email=ada%40example.com');
  });

  it('encodes &, #, %, +, emoji, RTL and newlines, and decodes back to the same text', () => {
    const tricky = 'A & B # 100% + c=d?\n😀 👩‍👩‍👧‍👦 مرحبا שלום\r\n\u202Eevil';
    const payload = calendlyScheduling({ url, answers: { a1: () => tricky } }).toPayload({ ...context, user: { name: tricky } });
    expect(queryOf(payload.url)).toEqual({ name: tricky, a1: tricky });
    expect(new URL(payload.url).pathname).toBe('/acme/support-call');
  });

  it('never leaves the page, whatever the answers and the name say', () => {
    for (const evil of ['//evil.com', '@evil.com', 'https://evil.com/', '\\\\evil.com', '#x', '?x=1&a1=pwned', '%2F%2Fevil.com', '\uD800']) {
      const payload = calendlyScheduling({ url, answers: { a1: () => evil, a2: 'summary' } }).toPayload({
        conversationId: 'c',
        messages: [{ role: 'user', content: evil }],
        user: { name: evil, email: `${evil}@x.com` },
      });
      for (const href of [payload.url, payload.embedUrl]) {
        const parsed = new URL(href);
        expect([parsed.origin, parsed.pathname, parsed.username, parsed.hash]).toEqual(['https://calendly.com', '/acme/support-call', '', '']);
      }
      expect(queryOf(payload.url).a1).toBe(evil === '\uD800' ? '\uFFFD' : evil);
    }
  });

  describe.each(['ten-thousand-messages', 'one-megabyte-message', 'emoji-and-rtl', 'long-single-word'] as const)('with the "%s" fixture', (fixture) => {
    it('stays within maxUrlLength; the summary is cut by renderTranscript, never mid-character', () => {
      const ctx = fixtures[fixture];
      for (const maxUrlLength of [2000, 777, 8000]) {
        const payload = calendlyScheduling({ url, maxUrlLength, answers: { a1: 'summary', a2: 'question' } }).toPayload(ctx);
        expect(payload.url.length).toBeLessThanOrEqual(maxUrlLength);
        const query = queryOf(payload.url);
        const summary = query.a1 ?? '';
        expect(hasLoneSurrogate(summary)).toBe(false);
        expect(hasLoneSurrogate(query.a2 ?? '')).toBe(false);
        expect(isRenderedTranscript(ctx, summary, { format: 'text' })).toBe(true);
        // The widget gets the same, already fitted, answers.
        expect(payload.prefill.customAnswers.a1 ?? '').toBe(summary);
        if (fixture !== 'emoji-and-rtl') expect(payload.url.length).toBeGreaterThan(maxUrlLength - 300);
      }
    });
  });

  it('keeps a name and a short answer whole while the summary takes the rest of the URL', () => {
    const name = 'Ada Augusta King, Countess of Lovelace & Baroness of Ockham, née Byron (1815)';
    const plan = 'Enterprise (annual), 250 seats, billed in EUR';
    const payload = calendlyScheduling({ url, answers: { a1: 'summary', a2: () => plan } }).toPayload({ ...fixtures['ten-thousand-messages'], user: { name } });
    expect(payload.url.length).toBeLessThanOrEqual(2000);
    expect(payload.url.length).toBeGreaterThan(1950);
    const query = queryOf(payload.url);
    expect([query.name, query.a2]).toEqual([name, plan]);
    expect(payload.prefill).toMatchObject({ name, customAnswers: { a1: query.a1, a2: plan } });
  });

  it('cuts an astral-only summary at every boundary without splitting a character', () => {
    const ctx: EscalationContext = { conversationId: 'c', messages: [{ role: 'user', content: '😀'.repeat(2000) }] };
    for (let max = 200; max < 240; max += 1) {
      const payload = calendlyScheduling({ url, maxUrlLength: max, answers: { a1: 'summary' } }).toPayload(ctx);
      expect(payload.url.length).toBeLessThanOrEqual(max);
      expect(hasLoneSurrogate(queryOf(payload.url).a1 ?? '')).toBe(false);
    }
  });

  it('is a CONFIGURATION error when an answer function throws or returns a non-string', () => {
    expect(thrown(() => calendlyScheduling({ url, answers: { a1: () => { throw new Error('boom'); } } }).toPayload(context))).toMatchObject({
      code: 'CONFIGURATION',
      message: expect.stringMatching(/answers\.a1 threw: boom/),
    });
    expect(thrown(() => calendlyScheduling({ url, answers: { a2: (() => 42) as never } }).toPayload(context))).toMatchObject({
      code: 'CONFIGURATION',
      message: expect.stringMatching(/options\.answers\.a2 must return a string/),
    });
  });
});

describe('calendlyScheduling configuration', () => {
  it.each<[Record<string, unknown>, RegExp]>([
    [{ url: 'http://calendly.com/acme/support' }, /https URL/],
    [{ url: 'calendly.com/acme/support' }, /https URL/],
    [{ url: 'https://calendly.com.evil.com/acme' }, /options\.url must be on calendly\.com/],
    [{ url: 'https://evil.com/acme' }, /options\.url must be on calendly\.com/],
    [{ url: 'https://user:pw@calendly.com/acme' }, /credentials/],
    [{ url: 'https://calendly.com:8443/acme' }, /port/],
    [{ url: 'https://calendly.com/' }, /scheduling page/],
    [{ url, mode: 'modal' }, /options\.mode/],
    [{ url, mode: 'inline' }, /parentElement/],
    [{ url, mode: 'inline', parentElement: '' }, /parentElement/],
    [{ url, answers: { a0: 'summary' } }, /options\.answers\.a0 is not a valid key/],
    [{ url, answers: { a11: 'summary' } }, /options\.answers\.a11 is not a valid key/],
    [{ url, answers: { name: 'summary' } }, /options\.answers\.name is not a valid key/],
    [{ url, answers: { a1: 'transcript' } }, /answers\.a1 must be/],
    [{ url, answers: 'summary' }, /options\.answers must be an object/],
    [{ url, utm: { source: 'x' } }, /options\.utm\.source is not an option/],
    [{ url, utm: { utmSource: 42 } }, /utmSource/],
    [{ url, hideDetails: 'yes' }, /options\.hideDetails must be true or false/],
    [{ url, prefillUser: 1 }, /options\.prefillUser must be true or false/],
    [{ url, loadScript: 'http://cdn.example.com/widget.js' }, /options\.loadScript must be an absolute https URL/],
    [{ url, loadScript: 1 }, /options\.loadScript must be/],
    [{ url, maxUrlLength: 0 }, /maxUrlLength/],
    [{ url, widgetTimeoutMs: -5 }, /widgetTimeoutMs/],
    [{ url, hosts: [] }, /hosts/],
    [{ url, hosts: ['https://calendly.com'] }, /hosts/],
    [{ url, hideDetails: true, maxUrlLength: 40 }, /over maxUrlLength \(40\)/],
  ])('rejects %j at construction', (options, message) => {
    const error = thrown(() => calendlyScheduling(options as unknown as CalendlySchedulingOptions));
    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toMatchObject({ code: 'CONFIGURATION', retryable: false });
    expect((error as Error).message).toMatch(message);
  });

  it('accepts a page on a host added to hosts', () => {
    const payload = calendlyScheduling({ url: 'https://book.acme.com/support', hosts: ['book.acme.com'] }).toPayload(context);
    expect(payload.url.startsWith('https://book.acme.com/support?name=')).toBe(true);
  });
});
