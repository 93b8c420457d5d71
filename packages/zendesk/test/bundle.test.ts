import { join } from 'node:path';
import { BrowserBundleError, expectBrowserBundle, type BrowserBundle } from '@pillar/escalation-testkit/bundle';

const src = join(__dirname, '..', 'src');

// Besides the testkit's defaults (axios, Node built-ins, core's `/http` entry, ./server): the
// ticket code. Core's error mapping (`http/error-from-response.ts`) is browser-safe and may be in.
const SERVER_CODE = ['./ticket', /\/packages\/core\/src\/http\/send-json\.ts$/];

describe('the browser entry bundle', () => {
  let browser: BrowserBundle;
  beforeAll(async () => {
    browser = await expectBrowserBundle(join(src, 'index.ts'), { forbid: SERVER_CODE, mustContain: ['./messenger', './web-widget', './request'] });
  }, 30_000);

  it('contains no axios, not even through core', () => {
    expect(browser.reaches('axios')).toBe(false);
    expect(browser.code).not.toMatch(/axios/i);
  });

  it('contains no server code of this package', () => {
    expect(browser.reaches('./ticket')).toBe(false);
    expect(browser.code).not.toContain('api/v2/tickets');
    expect(browser.code).not.toContain('apiToken');
  });

  it('does contain the browser adapters (the check looks at a real bundle)', () => {
    expect(browser.code).toContain('zendesk-messenger');
    expect(browser.code).toContain('api/v2/requests');
  });

  it('the server entry, by contrast, fails the check on the ticket code and axios', async () => {
    const error: unknown = await expectBrowserBundle(join(src, 'server.ts'), { forbid: SERVER_CODE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserBundleError);
    expect((error as BrowserBundleError).violations.map((violation) => violation.forbiddenBy)).toEqual(expect.arrayContaining(["'axios'", "'./ticket'"]));
  }, 30_000);
});
