import { join } from 'node:path';
import { BrowserBundleError, expectBrowserBundle } from '@pillar/escalation-testkit/bundle';

const src = join(__dirname, '..', 'src');

// Besides the testkit's defaults (axios, Node built-ins, core's `/http` entry, ./server): the
// ticket code. Core's `http/error-from-response.ts` is shared with fetch-based universal
// adapters (no axios) and may be in; `http/send-json.ts` is the axios half.
const SERVER_CODE = ['./ticket', './ticket-errors', './account', /\/packages\/core\/src\/http\/send-json\.ts$/];

describe('the browser entry bundle', () => {
  it('contains the widget adapter and nothing of axios or the server code', async () => {
    await expectBrowserBundle(join(src, 'index.ts'), { forbid: SERVER_CODE, mustContain: ['./widget'] });
  }, 30_000);

  it('(the check itself works: the server entry fails it, on axios and the ticket code)', async () => {
    const error: unknown = await expectBrowserBundle(join(src, 'server.ts'), { forbid: SERVER_CODE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserBundleError);
    const forbidden = (error as BrowserBundleError).violations.map((violation) => violation.forbiddenBy);
    expect(forbidden).toEqual(expect.arrayContaining(["'axios'", "'@pillar/escalation-core/http'", "'./ticket'", "'./account'"]));
  }, 30_000);
});
