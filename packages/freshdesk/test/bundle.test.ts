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
    entryPoints: [join(packages, 'freshdesk', 'src', entry)],
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

// Core's `http/error-from-response.ts` is shared with fetch-based universal adapters (no axios):
// the server-only parts are the `@pillar/escalation-core/http` entry and `send-json.ts`.
const SERVER_CODE = [
  /node_modules\/(\.pnpm\/)?axios/,
  /^packages\/core\/src\/(http\.ts|http\/send-json\.ts)$/,
  /^packages\/freshdesk\/src\/(server|ticket|ticket-errors|account)\.ts$/,
];

describe('the browser entry bundle', () => {
  it('contains the widget adapter and nothing of axios or the server code', async () => {
    const inputs = await bundleInputs('index.ts');
    expect(inputs).toContain('packages/freshdesk/src/widget.ts');
    expect(inputs.filter((input) => SERVER_CODE.some((pattern) => pattern.test(input)))).toEqual([]);
  }, 30_000);

  it('(the check itself works: the server entry does pull in axios and the ticket code)', async () => {
    const inputs = await bundleInputs('server.ts');
    expect(inputs.some((input) => /node_modules\/(\.pnpm\/)?axios/.test(input))).toBe(true);
    expect(inputs).toContain('packages/freshdesk/src/ticket.ts');
    expect(inputs).toContain('packages/core/src/http/send-json.ts');
  }, 30_000);
});
