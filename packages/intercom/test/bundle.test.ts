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

async function bundleInputs(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(packages, 'intercom', 'src', entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'browser',
    format: 'esm',
    logLevel: 'silent',
    plugins: [workspaceSources],
  });
  return Object.keys(result.metafile.inputs).map((input) => resolve(root, input).slice(root.length + 1).replace(/\\/g, '/'));
}

const SERVER_CODE = [
  /node_modules\/(\.pnpm\/)?axios/,
  // core's http/send-json (axios); http/error-from-response is shared with fetch-based adapters.
  /^packages\/core\/src\/http(\.ts|\/send-json\.ts)$/,
  /^packages\/intercom\/src\/(server|conversation|ticket)\.ts$/,
  /^packages\/intercom\/src\/rest\//,
];

describe('the browser entry bundle', () => {
  it('contains the Messenger adapter and the SDK, and nothing of axios or the server code', async () => {
    const inputs = await bundleInputs('index.ts');
    expect(inputs).toContain('packages/intercom/src/messenger/widget.ts');
    expect(inputs.some((input) => /@intercom\/messenger-js-sdk\/dist\/index\.js$/.test(input))).toBe(true);
    expect(inputs.filter((input) => SERVER_CODE.some((pattern) => pattern.test(input)))).toEqual([]);
  }, 30_000);

  it('(the check itself works: the server entry does pull in axios and the REST code)', async () => {
    const inputs = await bundleInputs('server.ts');
    expect(inputs.some((input) => /node_modules\/(\.pnpm\/)?axios/.test(input))).toBe(true);
    expect(inputs).toContain('packages/intercom/src/conversation.ts');
    expect(inputs).toContain('packages/intercom/src/rest/contacts.ts');
    expect(inputs).toContain('packages/core/src/http/send-json.ts');
  }, 30_000);
});
