import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const root = resolve(__dirname, '../../..');
const packages = join(root, 'packages');

/** Resolves workspace packages to their sources, as an app's bundler would after a build. */
const workspaceSources: Plugin = {
  name: 'workspace-sources',
  setup(b) {
    b.onResolve({ filter: /^@pillar\/escalation-/ }, ({ path }) => {
      const [, name, sub] = /^@pillar\/escalation-([a-z-]+)(?:\/(.+))?$/.exec(path) ?? [];
      if (!name) return undefined;
      return { path: join(packages, name, 'src', `${sub ?? 'index'}.ts`) };
    });
  },
};

/** Bundles `code` (an app's import) for the browser; returns the files that made it into the output. */
async function bundle(code: string): Promise<{ inputs: string[]; bytes: number }> {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    minify: true,
    metafile: true,
    platform: 'browser',
    format: 'esm',
    logLevel: 'silent',
    plugins: [workspaceSources],
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return {
    // Files esbuild parsed but tree-shook away have no bytes in the output.
    inputs: Object.entries(output.inputs)
      .filter(([, info]) => info.bytesInOutput > 0)
      .map(([input]) => resolve(root, input).slice(root.length + 1).replace(/\\/g, '/')),
    bytes: result.outputFiles[0]!.contents.length,
  };
}

const ALL = "export * from '@pillar/escalation-calendly';";

describe('the browser bundle of @pillar/escalation-calendly', () => {
  it('has the adapter and no axios, no server HTTP code, no other adapter', async () => {
    const { inputs } = await bundle(ALL);
    expect(inputs).toContain('packages/calendly/src/calendly-scheduling.ts');
    expect(inputs).toContain('packages/core/src/transcript/render.ts');
    // Nothing of the community redirect adapter, even though both build bounded URLs.
    expect(inputs.filter((input) => input.includes('community-redirect'))).toEqual([]);
    const forbidden = inputs.filter(
      (input) =>
        /node_modules\/(\.pnpm\/)?axios/.test(input) ||
        /^packages\/core\/src\/(http\.ts|http\/send-json\.ts)$/.test(input) ||
        /^packages\/(?!core|calendly)[^/]+\//.test(input),
    );
    expect(forbidden).toEqual([]);
  }, 30_000);

  it('(the check itself works: importing the server HTTP helper does show up)', async () => {
    const { inputs } = await bundle("export { sendJson } from '@pillar/escalation-core/http';");
    expect(inputs).toContain('packages/core/src/http/send-json.ts');
  }, 30_000);
});
