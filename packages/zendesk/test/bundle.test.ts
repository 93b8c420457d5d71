import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { repoRoot } from './spec';

const pkg = join(repoRoot, 'packages', 'zendesk');

async function bundle(entry: string): Promise<{ text: string; inputs: string[] }> {
  const result = await build({
    entryPoints: [join(pkg, 'src', entry)],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: repoRoot,
    // The root tsconfig maps @pillar/escalation-core to its sources, so core is bundled and checked too.
    tsconfig: join(repoRoot, 'tsconfig.json'),
  });
  return { text: result.outputFiles.map((f) => f.text).join('\n'), inputs: Object.keys((result.metafile as Metafile).inputs) };
}

describe('the browser entry bundle', () => {
  let browser: { text: string; inputs: string[] };
  beforeAll(async () => {
    browser = await bundle('index.ts');
  }, 30_000);

  it('contains no axios, not even through core', () => {
    expect(browser.inputs.filter((input) => /node_modules[\\/](\.pnpm[\\/])?axios/.test(input))).toEqual([]);
    // core's server-only subpath (`@pillar/escalation-core/http`); its error mapping is browser-safe and may be in.
    expect(browser.inputs.filter((input) => /packages[\\/]core[\\/]src[\\/](http\.ts|http[\\/]send-json)/.test(input))).toEqual([]);
    expect(browser.text).not.toMatch(/axios/i);
  });

  it('contains no server code of this package', () => {
    expect(browser.inputs.filter((input) => /packages[\\/]zendesk[\\/]src[\\/](server|ticket)\.ts$/.test(input))).toEqual([]);
    expect(browser.text).not.toContain('api/v2/tickets');
    expect(browser.text).not.toContain('apiToken');
  });

  it('does contain the browser adapters (the check looks at a real bundle)', () => {
    expect(browser.inputs).toEqual(expect.arrayContaining([expect.stringMatching(/packages[\\/]zendesk[\\/]src[\\/]messenger\.ts$/)]));
    expect(browser.text).toContain('zendesk-messenger');
    expect(browser.text).toContain('api/v2/requests');
  });

  it('the server entry, by contrast, does pull in the ticket code and axios', async () => {
    const server = await bundle('server.ts');
    expect(server.inputs.some((input) => /packages[\\/]zendesk[\\/]src[\\/]ticket\.ts$/.test(input))).toBe(true);
    expect(server.inputs.some((input) => /axios/.test(input))).toBe(true);
  }, 30_000);
});
