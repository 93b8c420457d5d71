import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';

const repoRoot = join(__dirname, '..', '..', '..');

describe('relay bundle', () => {
  it('bundles for the browser without axios, Node built-ins or the server helpers', async () => {
    const result = await build({
      stdin: { contents: "export { relay } from '@pillar/escalation-core';", resolveDir: repoRoot, loader: 'ts' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: repoRoot,
      tsconfig: join(repoRoot, 'tsconfig.json'),
    });
    const inputs = Object.keys((result.metafile as Metafile).inputs);
    expect(inputs).toEqual(expect.arrayContaining([expect.stringMatching(/packages[\\/]core[\\/]src[\\/]relay[\\/]relay\.ts$/)]));
    expect(inputs.filter((input) => /axios|send-json|[\\/]http\.ts$/.test(input))).toEqual([]);
    expect(inputs.filter((input) => input.startsWith('node:'))).toEqual([]);
  }, 30_000);
});
