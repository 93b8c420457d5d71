import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserBundleError, bundleForBrowser, expectBrowserBundle, type BrowserBundle } from '@pillar/escalation-testkit/bundle';

const fixtures = join(__dirname, 'fixtures', 'browser-bundle');
const entry = (name: string) => join(fixtures, 'src', name);
const id = (name: string) => `packages/testkit/test/fixtures/browser-bundle/src/${name}`;
// Ids are relative to the working directory: pin it, so the expectations hold wherever Jest runs.
const cwd = join(__dirname, '..', '..', '..');

/** The error `expectBrowserBundle` rejects with; fails the test when it resolves. */
async function failure(promise: Promise<BrowserBundle>): Promise<BrowserBundleError> {
  const outcome = await promise.then(
    (bundle) => new Error(`expected a BrowserBundleError, but the bundle of ${bundle.entry} passed`),
    (error: unknown) => error,
  );
  if (!(outcome instanceof BrowserBundleError)) throw outcome;
  return outcome;
}

describe('expectBrowserBundle', () => {
  it('passes a clean entry and returns the facts of its bundle', async () => {
    const bundle = await expectBrowserBundle(entry('clean.ts'), { cwd, mustContain: ['./widget'] });
    expect(bundle.entry).toBe(id('clean.ts'));
    expect(bundle.modules.map((module) => module.id)).toEqual([id('clean.ts'), id('widget.ts')]);
    expect(bundle.code).toContain('fixture-widget-opened:');
    expect(bundle.bytes).toBe(Buffer.byteLength(bundle.code));
    expect(bundle.ships('./widget.ts')).toBe(true);
    expect(bundle.importChain('./widget')).toEqual([id('clean.ts'), id('widget.ts')]);
  }, 30_000);

  it('fails on axios reached through another module, naming it and the import chain', async () => {
    const error = await failure(expectBrowserBundle(entry('uses-axios.ts'), { cwd }));
    expect(error.violations).toHaveLength(1);
    const [violation] = error.violations;
    expect(violation?.forbiddenBy).toBe("'axios'");
    expect(violation?.module.id).toMatch(/^node_modules\/axios\/index\.js$/);
    expect(violation?.importChain).toEqual([id('uses-axios.ts'), id('send.ts'), 'node_modules/axios/index.js']);
    // The rest of axios is counted, not listed.
    expect(violation?.more).toBeGreaterThan(10);
    expect(error.message).toContain(`The browser bundle of ${id('uses-axios.ts')} loads a forbidden module:`);
    expect(error.message).toContain(`node_modules/axios/index.js (forbidden by 'axios'; ${violation?.more} more files behind it)`);
    expect(error.message).toContain([`      ${id('uses-axios.ts')}`, `    → ${id('send.ts')}`, '    → node_modules/axios/index.js'].join('\n'));
  }, 30_000);

  it('fails on a Node built-in instead of failing the build, with or without the node: scheme', async () => {
    const http = await failure(expectBrowserBundle(entry('uses-node-http.ts'), { cwd }));
    expect(http.violations.map(({ module, forbiddenBy }) => [module.id, forbiddenBy])).toEqual([['node:http', 'Node built-ins']]);
    expect(http.message).toContain('node:http (forbidden by Node built-ins)');
    expect(http.message).toContain(`      ${id('uses-node-http.ts')}\n    → node:http`);

    const fs = await failure(expectBrowserBundle(entry('uses-fs.ts'), { cwd }));
    expect(fs.violations.map(({ module }) => module.id)).toEqual(['fs']);
    expect(fs.violations[0]?.module.external).toBe(true);
  }, 30_000);

  it("fails on the package's own server entry, imported by path or by its package name", async () => {
    const byPath = await failure(expectBrowserBundle(entry('imports-server.ts'), { cwd }));
    expect(byPath.violations.map(({ module, forbiddenBy }) => [module.id, forbiddenBy])).toEqual([
      ['node_modules/axios/index.js', "'axios'"],
      [id('server.ts'), "'./server' (the package's server entry)"],
    ]);
    expect(byPath.message).toContain(`${id('server.ts')} (forbidden by './server' (the package's server entry); imported, though none of its code reached this output)`);

    const byName = await failure(expectBrowserBundle(entry('imports-self-server.ts'), { cwd }));
    expect(byName.violations.map(({ forbiddenBy }) => forbiddenBy)).toContain("'browser-bundle-fixture/server' (the package's server entry)");
  }, 30_000);

  it('fails on core\'s server-only helpers (@pillar/escalation-core/http)', async () => {
    const error = await failure(
      expectBrowserBundle({ contents: "export { sendJson } from '@pillar/escalation-core/http';", resolveDir: fixtures, sourcefile: 'app.ts' }, { cwd }),
    );
    expect(error.violations.map(({ forbiddenBy }) => forbiddenBy)).toEqual(["'axios'", "'@pillar/escalation-core/http'"]);
    expect(error.violations[1]?.importChain).toEqual(['app.ts', 'packages/core/src/http.ts']);
  }, 30_000);

  it('fails on a forbidden module that tree-shaking dropped: an import is still an import', async () => {
    const error = await failure(expectBrowserBundle(entry('tree-shaken.ts'), { cwd }));
    expect(error.violations[0]?.importChain).toEqual([id('tree-shaken.ts'), id('mixed.ts'), id('send.ts'), 'node_modules/axios/index.js']);
    expect(error.violations[0]?.module.bytesInOutput).toBe(0);
    expect(error.bundle.code).not.toMatch(/axios/i);
    expect(error.message).toContain('imported, though none of its code reached this output');
  }, 30_000);

  it('reports a forbidden package that is not installed by name, where bundleForBrowser fails to resolve it', async () => {
    const error = await failure(expectBrowserBundle(entry('uses-missing-sdk.ts'), { cwd, forbid: ['@acme/server-sdk'] }));
    expect(error.violations.map(({ module, forbiddenBy, importChain }) => [module.id, module.external, forbiddenBy, importChain])).toEqual([
      ['@acme/server-sdk', true, "'@acme/server-sdk'", [id('uses-missing-sdk.ts'), '@acme/server-sdk']],
    ]);
    expect(error.message).toContain("@acme/server-sdk (forbidden by '@acme/server-sdk'; left external: not installed here, or in `external`)");
    await expect(bundleForBrowser(entry('uses-missing-sdk.ts'), { cwd })).rejects.toThrow('Could not resolve "@acme/server-sdk"');
  }, 30_000);

  it('forbids what `forbid` names: a file, a folder, a RegExp', async () => {
    const file = await failure(expectBrowserBundle(entry('clean.ts'), { cwd, forbid: ['./widget.js'] }));
    expect(file.violations.map(({ module, forbiddenBy }) => [module.id, forbiddenBy])).toEqual([[id('widget.ts'), "'./widget.js'"]]);

    const folder = await failure(expectBrowserBundle(entry('uses-rest.ts'), { cwd, forbid: ['./rest/'] }));
    expect(folder.violations.map(({ module }) => module.id)).toEqual([id('rest/client.ts')]);
    // The folder's neighbours are not in it.
    await expect(expectBrowserBundle(entry('uses-rest.ts'), { cwd, forbid: ['./rest/', './widget'] }).catch((e: BrowserBundleError) => e.violations.length)).resolves.toBe(2);

    const regexp = await failure(expectBrowserBundle(entry('clean.ts'), { cwd, forbid: [/\/widget\.ts$/g] }));
    expect(regexp.violations[0]?.forbiddenBy).toBe('/\\/widget\\.ts$/g');
  }, 30_000);

  it('refuses a file pattern that names no file, so a typo cannot forbid nothing', async () => {
    await expect(expectBrowserBundle(entry('clean.ts'), { cwd, forbid: ['./servr'] })).rejects.toThrow(
      /^forbid: '\.\/servr' names no file or folder \(resolved from .*fixtures\/browser-bundle\/src\)/,
    );
    await expect(expectBrowserBundle(entry('clean.ts'), { cwd, mustContain: ['./wigdet'] })).rejects.toThrow(/^mustContain: '\.\/wigdet' names no file/);
  });

  it('fails when code it mustContain is not in the output', async () => {
    const error = await failure(expectBrowserBundle(entry('clean.ts'), { cwd, mustContain: ['./widget', './rest/client', '@intercom/messenger-js-sdk'] }));
    expect(error.violations).toEqual([]);
    expect(error.missing).toEqual(["'./rest/client'", "'@intercom/messenger-js-sdk'"]);
    expect(error.message).toBe(
      `The browser bundle of ${id('clean.ts')} has no code of './rest/client', '@intercom/messenger-js-sdk' (mustContain): the check may be looking at the wrong entry, or tree-shaking dropped it.`,
    );
  }, 30_000);

  it('checks only your own list with defaultForbid: false', async () => {
    const bundle = await expectBrowserBundle(entry('uses-axios.ts'), { cwd, defaultForbid: false });
    expect(bundle.reaches('axios')).toBe(true);
    await expect(expectBrowserBundle(entry('uses-axios.ts'), { cwd, defaultForbid: false, forbid: ['axios'] })).rejects.toBeInstanceOf(BrowserBundleError);
  }, 30_000);

  it('takes a file: URL and a path relative to the working directory', async () => {
    await expect(expectBrowserBundle(pathToFileURL(entry('clean.ts')), { cwd })).resolves.toMatchObject({ entry: id('clean.ts') });
    await expect(expectBrowserBundle(id('clean.ts'), { cwd })).resolves.toMatchObject({ entry: id('clean.ts') });
  }, 30_000);

  it('names the entry and esbuild\'s error when the entry does not bundle', async () => {
    await expect(expectBrowserBundle(entry('unresolvable.ts'), { cwd })).rejects.toThrow(
      `Could not bundle ${id('unresolvable.ts')} for the browser:\n  ${id('unresolvable.ts')}:2:24: Could not resolve "./does-not-exist"`,
    );
  }, 30_000);
});

describe('bundleForBrowser', () => {
  it('asserts nothing and answers questions about the graph', async () => {
    const server = await bundleForBrowser(entry('server.ts'), { cwd });
    expect(server.reaches('axios')).toBe(true);
    expect(server.ships('axios')).toBe(true);
    expect(server.importChain('axios')).toEqual([id('server.ts'), id('ticket.ts'), id('send.ts'), 'node_modules/axios/index.js']);
    expect(server.importChain('./widget')).toBeUndefined();
    expect(server.modules.find((module) => module.id === id('send.ts'))).toMatchObject({ importedAs: ['./send'], importers: [join(fixtures, 'src', 'ticket.ts')] });
  }, 30_000);

  it('tells loaded modules from shipped ones', async () => {
    const bundle = await bundleForBrowser(entry('tree-shaken.ts'), { cwd });
    expect(bundle.reaches('./send')).toBe(true);
    expect(bundle.ships('./send')).toBe(false);
    expect(bundle.ships('./mixed')).toBe(true);
    expect(bundle.code).toContain('fixture-tree-shaken');
  }, 30_000);

  it('passes esbuild options through', async () => {
    const minified = await bundleForBrowser(entry('clean.ts'), { cwd });
    const readable = await bundleForBrowser(entry('clean.ts'), { cwd, esbuild: { minify: false } });
    expect(readable.code).toContain('function openWidget(message)');
    expect(readable.bytes).toBeGreaterThan(minified.bytes);
    const external = await bundleForBrowser(entry('uses-axios.ts'), { cwd, esbuild: { external: ['axios'] } });
    expect(external.modules.filter((module) => module.external).map((module) => module.path)).toEqual(['axios']);
  }, 30_000);

  it('keeps esbuild out of the main testkit entry', async () => {
    const main = await bundleForBrowser(join(__dirname, '..', 'src', 'index.ts'), { cwd, esbuild: { packages: 'external', platform: 'node' } });
    expect(main.reaches('./browser-bundle')).toBe(false);
    expect(main.reaches('esbuild')).toBe(false);
    expect(main.reaches('fast-check')).toBe(true); // the check sees the main entry's real dependencies
  }, 30_000);
});
