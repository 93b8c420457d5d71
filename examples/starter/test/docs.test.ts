import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

// The docs' entry-file samples are cut from the starter, which the other suites here run: a
// sample that would crash as written crashes these tests. `pnpm check:docs` holds each sample to
// a file under docs/examples/, and docs/examples/starter is this package's src (a link), so a
// sample that drifts from the starter fails there too.

const repo = join(__dirname, '..', '..', '..');
const src = join(__dirname, '..', 'src');
const normalize = (text: string) => text.replace(/\r\n/g, '\n').split('\n').map((line) => line.trimEnd()).join('\n').trim();

interface Sample {
  /** The `<!-- docs/examples/... -->` line right above the fence, if any. */
  marker: string | undefined;
  text: string;
  line: number;
}

function samples(page: string): Sample[] {
  const text = readFileSync(join(repo, page), 'utf8');
  return [...text.matchAll(/(?:<!-- (\S+) -->\n)?```(?:ts|typescript)\n([\s\S]*?)```/g)].map((match) => ({
    marker: match[1],
    text: normalize(match[2]!),
    line: text.slice(0, match.index).split('\n').length,
  }));
}

/** The starter file a `docs/examples/starter/<file>` marker names. */
function starterFile(marker: string | undefined): string | undefined {
  const file = marker?.match(/^docs\/examples\/starter\/([\w-]+\.ts)$/)?.[1];
  return file && normalize(readFileSync(join(src, file), 'utf8'));
}

describe('docs samples cut from the starter', () => {
  test('docs/examples/starter is the starter’s src itself (a link, not a copy that could drift)', () => {
    expect(realpathSync(join(repo, 'docs', 'examples', 'starter'))).toBe(realpathSync(src));
  });

  test('every TypeScript sample of Getting started is a starter file (or part of one) named above it', () => {
    const found = samples('docs/getting-started.md');
    expect(found.map((s) => s.marker)).toEqual(['docs/examples/starter/options.ts', 'docs/examples/starter/browser.ts', 'docs/examples/starter/escalation.ts', 'docs/examples/starter/server.ts']);
    for (const sample of found) expect({ line: sample.line, inStarter: starterFile(sample.marker)?.includes(sample.text) }).toEqual({ line: sample.line, inStarter: true });
  });

  test('the Pillar sidebar page boots Pillar with the starter’s page, and its other samples are not entry files', () => {
    const found = samples('docs/pillar-sidebar.md');
    const boot = found.find((s) => s.marker === 'docs/examples/starter/browser.ts');
    expect(boot && starterFile(boot.marker)?.includes(boot.text)).toBe(true);
    // The others define functions for an app to call; none runs anything when imported.
    for (const sample of found.filter((s) => s !== boot)) {
      expect({ line: sample.line, topLevelCalls: sample.text.split('\n').filter((l) => /^(await |[A-Za-z_$][\w$.]*\()/.test(l)) }).toEqual({ line: sample.line, topLevelCalls: [] });
    }
  });

  test('the server relay page shows its node:http entry from the starter’s server.ts', () => {
    const found = samples('docs/server-relay.md').filter((s) => s.marker?.startsWith('docs/examples/starter/'));
    expect(found.map((s) => s.marker)).toContain('docs/examples/starter/server.ts');
    for (const sample of found) expect({ line: sample.line, inStarter: starterFile(sample.marker)?.includes(sample.text) }).toEqual({ line: sample.line, inStarter: true });
  });

  test('no sample on these pages loads a Reflect polyfill first: core needs none', () => {
    for (const page of ['docs/getting-started.md', 'docs/pillar-sidebar.md']) {
      for (const sample of samples(page)) expect({ page, line: sample.line, polyfill: /import ['"](reflect-metadata|@abraham\/reflection)['"]/.test(sample.text) }).toEqual({ page, line: sample.line, polyfill: false });
    }
  });
});
