import { join } from 'node:path';
import { BrowserBundleError, expectBrowserBundle } from '@pillar/escalation-testkit/bundle';

const src = join(__dirname, '..', 'src');

// Besides the testkit's defaults (axios, Node built-ins, core's `/http` entry, ./server): the
// REST code. Core's `http/error-from-response.ts` is shared with fetch-based adapters and may be
// in; `http/send-json.ts` is the axios half.
const SERVER_CODE = ['./conversation', './ticket', './rest/', /\/packages\/core\/src\/http\/send-json\.ts$/];

describe('the browser entry bundle', () => {
  it('contains the Messenger adapter and the SDK, and nothing of axios or the server code', async () => {
    await expectBrowserBundle(join(src, 'index.ts'), { forbid: SERVER_CODE, mustContain: ['./messenger/widget', '@intercom/messenger-js-sdk'] });
  }, 30_000);

  it('(the check itself works: the server entry fails it, on axios and the REST code)', async () => {
    const error: unknown = await expectBrowserBundle(join(src, 'server.ts'), { forbid: SERVER_CODE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrowserBundleError);
    const forbidden = (error as BrowserBundleError).violations.map((violation) => violation.forbiddenBy);
    expect(forbidden).toEqual(expect.arrayContaining(["'axios'", "'./conversation'", "'./ticket'", "'./rest/'"]));
  }, 30_000);
});
