// Bundle sizes: each browser entry, realistic apps with and without tsyringe and a Reflect
// polyfill, the hand-written Intercom baseline, and the proof that unused adapters add nothing.
import { BROWSER_ENTRIES, measure, packagesIn, reexportAll } from './bundle.mjs';
import { table } from './harness';

const CORE = '@pillar/escalation-core';
const bytes = (n: number): string => n.toLocaleString('en-US');

const ADAPTERS = {
  intercom: { imports: `import { intercomMessenger } from '@pillar/escalation-intercom';`, make: `intercomMessenger({ appId: 'abc123' })` },
  zendesk: { imports: `import { zendeskMessenger } from '@pillar/escalation-zendesk';`, make: `zendeskMessenger({ fields: { transcript: '360001234567' } })` },
  freshdesk: { imports: `import { freshdeskWidget } from '@pillar/escalation-freshdesk';`, make: `freshdeskWidget()` },
  calendly: { imports: `import { calendlyScheduling } from '@pillar/escalation-calendly';`, make: `calendlyScheduling({ url: 'https://calendly.com/acme/support' })` },
  'community-redirect': {
    imports: `import { communityRedirect, discourse } from '@pillar/escalation-community-redirect';`,
    make: `communityRedirect({ target: discourse({ baseUrl: 'https://forum.example.com' }) })`,
  },
} as const;
type AdapterName = keyof typeof ADAPTERS;

/** A realistic app: a registry with the given adapters, wired to the Pillar sidebar. */
function app(names: AdapterName[]): string {
  return [
    `import { createRegistry, connectPillar } from '${CORE}';`,
    ...names.map((name) => ADAPTERS[name].imports),
    `const registry = createRegistry([`,
    ...names.map((name, i) => `  { id: '${name}', label: '${name}', order: ${i}, adapter: ${ADAPTERS[name].make} },`),
    `]);`,
    `connectPillar((globalThis as any).pillar, registry);`,
    `export { registry };`,
  ].join('\n');
}

// What a developer writes without this library: their own transcript, one Messenger call.
const BASELINE = `
const chat = (globalThis as any).pillar.getChatContext();
const text = (chat?.messages ?? []).map((m: { role: string; content: string }) => (m.role === 'user' ? 'Me: ' : 'Assistant: ') + m.content).join('\\n\\n');
(window as any).Intercom('showNewMessage', text);
`;
// The same through Intercom's official loader, which the intercom adapter bundles.
const BASELINE_SDK = `import Intercom, { showNewMessage } from '@intercom/messenger-js-sdk';
Intercom({ app_id: 'abc123' });
${BASELINE.replace("(window as any).Intercom('showNewMessage', text)", 'showNewMessage(text)')}`;

const POLYFILLS = { none: '', 'reflect-metadata': `import 'reflect-metadata';\n`, '@abraham/reflection': `import '@abraham/reflection';\n` };

export async function sizes(): Promise<string> {
  const out: string[] = [];

  // 1. Entries alone.
  const entryRows: string[][] = [];
  for (const entry of BROWSER_ENTRIES) {
    const isCore = entry.name.startsWith('core');
    const own = await measure({ contents: reexportAll(entry.specifier), external: isCore ? [] : [CORE] });
    const full = isCore ? own : await measure({ contents: reexportAll(entry.specifier) });
    entryRows.push([entry.specifier, bytes(own.minified), bytes(own.gzip), bytes(full.minified), bytes(full.gzip)]);
  }
  out.push(
    '### Each browser entry, everything it exports',
    '',
    'An app that uses every export of the entry (the worst case; an app bundler drops what it does not use). "Own" leaves out core, a peer that the app bundles once; tsyringe is bundled with core, and so is core\'s own Reflect shim (an app needs no polyfill; one it loads anyway is measured below).',
    '',
    table(['entry', 'own min (B)', 'own gzip (B)', 'with core min (B)', 'with core gzip (B)'], entryRows),
  );

  // 2. Apps.
  const apps: [string, string][] = [
    ['baseline: `window.Intercom(\'showNewMessage\', text)` by hand', BASELINE],
    ['baseline: the same with `@intercom/messenger-js-sdk`', BASELINE_SDK],
    ...(Object.keys(ADAPTERS) as AdapterName[]).map((name): [string, string] => [`core + ${name}`, app([name])]),
    ['core + all browser adapters', app(Object.keys(ADAPTERS) as AdapterName[])],
  ];
  const appRows: string[][] = [];
  for (const [label, contents] of apps) {
    const isBaseline = label.startsWith('baseline');
    const without = await measure({ contents, external: ['tsyringe'] });
    if (isBaseline) {
      appRows.push([label, bytes(without.minified), bytes(without.gzip), '–', '–', '–']);
      continue;
    }
    const cells = [label, bytes(without.minified), bytes(without.gzip)];
    for (const polyfill of Object.values(POLYFILLS)) {
      const r = await measure({ contents: polyfill + contents });
      cells.push(`${bytes(r.gzip)} (${bytes(r.minified)} min)`);
    }
    appRows.push(cells);
  }
  const alone: string[][] = [];
  for (const [label, contents] of [
    ['tsyringe (everything)', `export * from 'tsyringe';`],
    ['reflect-metadata', POLYFILLS['reflect-metadata']],
    ['@abraham/reflection', POLYFILLS['@abraham/reflection']],
    ["core's own shim (`@pillar/escalation-core/reflect`, in core's bytes above)", `import '@pillar/escalation-core/reflect';\n`],
  ] as const) {
    const r = await measure({ contents });
    alone.push([label, bytes(r.minified), bytes(r.gzip)]);
  }
  out.push(
    '',
    '### Realistic apps',
    '',
    'A registry with the adapters, wired to the Pillar sidebar (`createRegistry` + `connectPillar`). Gzip bytes; minified in parentheses.',
    '',
    table(
      ['app', 'min, no tsyringe (B)', 'gzip, no tsyringe (B)', 'gzip + tsyringe, core\'s shim only', 'gzip + tsyringe + reflect-metadata', 'gzip + tsyringe + @abraham/reflection'],
      appRows,
    ),
    '',
    'The dependencies alone:',
    '',
    table(['package', 'min (B)', 'gzip (B)'], alone),
  );

  // 3. Unused adapters add zero bytes.
  const coreOnly = `import { createRegistry, parseContext } from '${CORE}';\nexport const registry = createRegistry([]);\nexport const read = (input: unknown) => parseContext(input);\n`;
  const allImports = (Object.keys(ADAPTERS) as AdapterName[]).map((name) => ADAPTERS[name].imports).join('\n');
  const a = await measure({ contents: coreOnly });
  const b = await measure({ contents: `${allImports}\n${coreOnly}` });
  const intercomOnly = await measure({ contents: `${allImports}\n${app(['intercom'])}` });
  out.push(
    '',
    '### Adapters that are not used add zero bytes',
    '',
    table(
      ['app', 'min (B)', 'gzip (B)', 'packages with bytes in the output (metafile)'],
      [
        ['imports core only', bytes(a.minified), bytes(a.gzip), packagesIn(a.inputs).join(', ')],
        ['imports core and every adapter, uses none', bytes(b.minified), bytes(b.gzip), packagesIn(b.inputs).join(', ')],
        ['imports every adapter, uses intercom', bytes(intercomOnly.minified), bytes(intercomOnly.gzip), packagesIn(intercomOnly.inputs).join(', ')],
      ],
    ),
    '',
    `The first two outputs are ${a.code === b.code ? 'byte-for-byte identical' : '**different** (a regression)'}; \`pnpm check:size\` fails if that changes.`,
  );
  return out.join('\n');
}
