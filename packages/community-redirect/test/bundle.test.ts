import { join } from 'node:path';
import { BrowserBundleError, bundleForBrowser, expectBrowserBundle } from '@pillar/escalation-testkit/bundle';

const pkg = join(__dirname, '..');
/** What an app writes: the package by name, resolved to its sources through the root tsconfig's paths. */
const app = (contents: string) => ({ contents, resolveDir: pkg, sourcefile: 'app.ts' });

describe('the browser bundle of @pillar/escalation-community-redirect', () => {
  it('has the adapter and no axios, no server HTTP code, no other adapter', async () => {
    await expectBrowserBundle(join(pkg, 'src', 'index.ts'), {
      forbid: [/\/packages\/(?!core\/|community-redirect\/)[^/]+\//],
      mustContain: ['./community-redirect', '../../core/src/transcript/render'],
    });
  }, 30_000);

  it('keeps an app that uses one target small: the others are tree-shaken', async () => {
    const one = await bundleForBrowser(app("export { communityRedirect, discourse } from '@pillar/escalation-community-redirect';"));
    const all = await bundleForBrowser(app("export * from '@pillar/escalation-community-redirect';"));
    expect(one.ships('./src/targets/discourse')).toBe(true);
    expect(one.ships('./src/targets/url-template')).toBe(false);
    expect(all.ships('./src/targets/url-template')).toBe(true);
    expect(one.bytes).toBeLessThan(all.bytes);
  }, 30_000);

  it('(the check itself works: an app importing the server HTTP helper fails it)', async () => {
    const failure = expectBrowserBundle(app("export { sendJson } from '@pillar/escalation-core/http';"));
    await expect(failure).rejects.toBeInstanceOf(BrowserBundleError);
    await expect(failure).rejects.toThrow("packages/core/src/http.ts (forbidden by '@pillar/escalation-core/http'");
  }, 30_000);
});
