import { join } from 'node:path';
import { BrowserBundleError, expectBrowserBundle } from '@pillar/escalation-testkit/bundle';

const pkg = join(__dirname, '..');

describe('the browser bundle of @pillar/escalation-calendly', () => {
  it('has the adapter and no axios, no server HTTP code, no other adapter', async () => {
    await expectBrowserBundle(join(pkg, 'src', 'index.ts'), {
      // Nothing of another workspace package but core: not even the community redirect adapter,
      // though both build bounded URLs.
      forbid: [/\/packages\/(?!core\/|calendly\/)[^/]+\//],
      mustContain: ['./calendly-scheduling', '../../core/src/transcript/render'],
    });
  }, 30_000);

  it('(the check itself works: an app importing the server HTTP helper fails it)', async () => {
    const failure = expectBrowserBundle({ contents: "export { sendJson } from '@pillar/escalation-core/http';", resolveDir: pkg, sourcefile: 'app.ts' });
    await expect(failure).rejects.toBeInstanceOf(BrowserBundleError);
    await expect(failure).rejects.toThrow("packages/core/src/http.ts (forbidden by '@pillar/escalation-core/http'");
  }, 30_000);
});
