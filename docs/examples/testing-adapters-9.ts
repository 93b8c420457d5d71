import { join } from 'node:path';
import { bundleForBrowser, expectBrowserBundle } from '@pillar/escalation-testkit/bundle';

const root = join(__dirname, '..'); // your package's folder; this file is in its test/

it('the browser entry bundles without axios or the server code', async () => {
  await expectBrowserBundle(join(root, 'src/index.ts'), {
    // Besides the defaults (axios, Node built-ins, core's /http, your ./server): the files that hold the secret.
    forbid: ['./ticket', './rest/'],
    // Proves the check looks at the real adapter, not an empty bundle.
    mustContain: ['./widget'],
  });
}, 30_000);

it('an app that imports only the widget gets none of the rest', async () => {
  const bundle = await bundleForBrowser({ contents: "export { acmeChat } from '@acme/escalation-chat';", resolveDir: root });
  expect(bundle.ships('./src/widget')).toBe(true);
  expect(bundle.ships('./src/transcript-upload')).toBe(false);
  expect(bundle.bytes).toBeLessThan(30_000);
}, 30_000);
