import { EscalationError } from '@pillar/escalation-core';
import { urlTemplate } from '../src';
import { hasLoneSurrogate, queryOf, textOf, thrown } from './support';

const text = textOf({
  title: 'Refund for order #42?',
  body: 'User: I was charged twice & want 100% back\nAssistant: I cannot refund.',
  conversationId: 'conv_123',
  reason: 'billing',
  pageUrl: 'https://app.example.com/billing?tab=invoices#latest',
});

describe('urlTemplate', () => {
  it('fills each placeholder with its encoded value', () => {
    const target = urlTemplate('https://forum.example.com/ask?q={title}&details={body}');
    const url = target.buildUrl(text, 2000);
    expect(url).toBe(
      'https://forum.example.com/ask?q=Refund%20for%20order%20%2342%3F' +
        '&details=User%3A%20I%20was%20charged%20twice%20%26%20want%20100%25%20back%0AAssistant%3A%20I%20cannot%20refund.',
    );
    expect(queryOf(url)).toEqual({ q: 'Refund for order #42?', details: 'User: I was charged twice & want 100% back\nAssistant: I cannot refund.' });
    expect(target).toMatchObject({ name: 'url-template', origin: 'https://forum.example.com', takesText: true });
  });

  it('knows {conversationId}, {reason} and {pageUrl}, in the path, the query and the fragment', () => {
    const url = urlTemplate('https://help.example.com/c/{reason}/new?ref={conversationId}&from={pageUrl}#{title}').buildUrl(text, 2000);
    const parsed = new URL(url);
    expect(parsed.pathname).toBe('/c/billing/new');
    expect(queryOf(url)).toEqual({ ref: 'conv_123', from: 'https://app.example.com/billing?tab=invoices#latest' });
    expect(decodeURIComponent(parsed.hash.slice(1))).toBe('Refund for order #42?');
  });

  it('takes no text when the template has no {body}', () => {
    expect(urlTemplate('https://chat.example.com/support?topic={title}').takesText).toBe(false);
  });

  it('repeats a placeholder and counts each appearance in the length budget', () => {
    const long = textOf({ title: 't'.repeat(3000) });
    const url = urlTemplate('https://x.example.com/?a={title}&b={title}').buildUrl(long, 500);
    const query = queryOf(url);
    expect(url.length).toBeLessThanOrEqual(500);
    expect(query.a).toBe(query.b);
    expect(query.a!.length).toBeGreaterThan(200);
  });

  it('never leaves the host or the path, even with dot segments and slashes in the values', () => {
    const target = urlTemplate('https://forum.example.com/t/{title}/{reason}?b={body}');
    for (const hostile of ['..', '.', '//evil.com', '@evil.com', '../../admin', '%2e%2e', '\\evil.com']) {
      const url = new URL(target.buildUrl(textOf({ title: hostile, reason: hostile, body: hostile }), 2000));
      expect(url.origin).toBe('https://forum.example.com');
      expect(url.pathname.startsWith('/t/')).toBe(true);
      expect(url.username).toBe('');
    }
  });

  it('cuts {body} to fit maxUrlLength without splitting a character', () => {
    const url = urlTemplate('https://forum.example.com/ask?q={title}&details={body}').buildUrl(textOf({ title: 'Emoji', body: '😀é'.repeat(5000) }), 1000);
    expect(url.length).toBeLessThanOrEqual(1000);
    expect(hasLoneSurrogate(queryOf(url).details!)).toBe(false);
  });

  it.each([
    ['https://{title}.example.com/ask', /scheme or host/],
    ['{pageUrl}', /absolute http\(s\) URL/],
    ['https://forum.{reason}/x', /scheme or host/],
    ['https://user:pw@forum.example.com/?q={title}', /credentials/],
    ['ftp://forum.example.com/?q={title}', /http or https/],
    ['javascript://forum.example.com/%0Aalert(1)', /http or https/],
    ['https://forum.example.com/?q={question}', /unknown placeholder \{question\}/],
    ['https://forum.example.com/?q={title', /unclosed/],
    ['https://forum.example.com/?q=title}', /stray/],
    ['forum.example.com/?q={title}', /absolute http\(s\) URL/],
  ])('rejects %s at construction', (template, message) => {
    const error = thrown(() => urlTemplate(template));
    expect(error).toBeInstanceOf(EscalationError);
    expect(error).toMatchObject({ code: 'CONFIGURATION' });
    expect((error as Error).message).toMatch(message);
  });

  it('is a CONFIGURATION error when the template alone is longer than maxUrlLength', () => {
    const target = urlTemplate(`https://forum.example.com/${'x'.repeat(200)}?q={title}`);
    expect(thrown(() => target.buildUrl(text, 100))).toMatchObject({ code: 'CONFIGURATION', message: expect.stringMatching(/over maxUrlLength \(100\)/) });
  });
});
