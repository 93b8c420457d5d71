// Size budgets, part of `pnpm test` (bytes are deterministic, unlike timings).
// Fails when a browser entry grows past its budget in scripts/size-budgets.json, when a browser
// entry pulls in axios or server code, when an adapter that an app does not use adds bytes, or
// when connectPillar without escalationTool() bundles the tool.
// `node scripts/check-size.mjs --write` resets every budget to the current size plus the margin
// (do that on purpose, in the same commit as the growth, and say why).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSER_ENTRIES, measure, packagesIn, reexportAll, root, serverOnlyInputs } from './bench/bundle.mjs';
import { EAGER_APP, LAZY_APPS, LAZY_GETTING_STARTED, LAZY_GETTING_STARTED_NAME, measureSplit, PAGE_LOAD_AIM_GZIP } from './bench/lazy-app.mjs';

const budgetsFile = join(root, 'scripts/size-budgets.json');
const budgets = JSON.parse(readFileSync(budgetsFile, 'utf8'));
const write = process.argv.includes('--write');
const failures = [];
const rows = [];

// An adapter's own bytes: core is a peer the app bundles once, so it is left out here and has its
// own budget. The whole graph (core included) is bundled separately for the axios check.
const ownExternal = (name) => (name.startsWith('core') ? [] : ['@pillar/escalation-core']);
const roundUp = (bytes) => Math.ceil((bytes * (1 + budgets.margin)) / 100) * 100;

for (const entry of BROWSER_ENTRIES) {
  const own = await measure({ contents: reexportAll(entry.specifier), external: ownExternal(entry.name) });
  const full = await measure({ contents: reexportAll(entry.specifier) });
  const leaked = serverOnlyInputs(full.inputs);
  if (leaked.length) failures.push(`${entry.specifier} (browser entry) bundles server-only code (${leaked.length} files): ${leaked.slice(0, 3).join(', ')}${leaked.length > 3 ? ', …' : ''}`);
  if (write) budgets.entries[entry.name] = { minified: roundUp(own.minified), gzip: roundUp(own.gzip) };
  const budget = budgets.entries[entry.name];
  if (!budget) {
    failures.push(`${entry.name} has no budget in scripts/size-budgets.json (run node scripts/check-size.mjs --write)`);
    continue;
  }
  for (const metric of ['minified', 'gzip']) {
    if (own[metric] > budget[metric]) {
      failures.push(`${entry.name}: ${metric} ${own[metric]} B is over its budget of ${budget[metric]} B (+${own[metric] - budget[metric]} B)`);
    }
  }
  rows.push({ entry: entry.name, minified: own.minified, 'budget min': budget.minified, gzip: own.gzip, 'budget gzip': budget.gzip, 'headroom gzip': `${(((budget.gzip - own.gzip) / budget.gzip) * 100).toFixed(1)}%` });
}

// Adapters an app does not use add zero bytes: an app that imports every adapter but uses none
// of them must bundle to the very same output as the app that imports core alone.
const coreApp = `import { createRegistry, parseContext } from '@pillar/escalation-core';
export const registry = createRegistry([]);
export const read = (input: unknown) => parseContext(input);
`;
const adapterImports = `import { intercomMessenger } from '@pillar/escalation-intercom';
import { zendeskMessenger } from '@pillar/escalation-zendesk';
import { freshdeskWidget } from '@pillar/escalation-freshdesk';
import { calendlyScheduling } from '@pillar/escalation-calendly';
import { communityRedirect } from '@pillar/escalation-community-redirect';
`;
const alone = await measure({ contents: coreApp });
const withUnused = await measure({ contents: adapterImports + coreApp });
// The minifier's short names depend on every symbol it saw, tree-shaken ones included, so the
// code is compared with names kept; the bytes must match with names minified too.
const [aloneNamed, withUnusedNamed] = await Promise.all([
  measure({ contents: coreApp, minifyIdentifiers: false }),
  measure({ contents: adapterImports + coreApp, minifyIdentifiers: false }),
]);
if (withUnusedNamed.code !== aloneNamed.code || withUnused.minified !== alone.minified || packagesIn(withUnused.inputs).join() !== 'core') {
  failures.push(`importing adapters without using them changed the core-only bundle (${alone.minified} B → ${withUnused.minified} B; packages: ${packagesIn(withUnused.inputs).join(', ')})`);
}
// One adapter used: nothing of the others.
const intercomApp = await measure({
  contents: `${adapterImports}import { createRegistry } from '@pillar/escalation-core';
export const registry = createRegistry([{ id: 'chat', label: 'Chat', adapter: intercomMessenger({ appId: 'abc123' }) }]);
`,
});
if (packagesIn(intercomApp.inputs).join() !== 'core,intercom') {
  failures.push(`a core + intercom app bundles code from: ${packagesIn(intercomApp.inputs).join(', ')}`);
}

// The co-pilot tool is opt-in (`escalationTool()`): an app that wires only the sidebar bundles
// none of the tool's code, nor the business hours it needs for "the next opening is ...". The
// app with the tool must contain those files, so a renamed file cannot make this check vacuous.
const TOOL_ONLY = ['packages/core/src/pillar/escalation-tool.ts', 'packages/core/src/gates/business-hours.ts'];
const sidebarApp = `import { connectPillar, createRegistry } from '@pillar/escalation-core';
export const registry = createRegistry([]);
export const connect = (pillar: Parameters<typeof connectPillar>[0]) => connectPillar(pillar, registry);
`;
const toolApp = `import { connectPillar, createRegistry, escalationTool } from '@pillar/escalation-core';
export const registry = createRegistry([]);
export const connect = (pillar: Parameters<typeof connectPillar>[0]) => connectPillar(pillar, registry, { tool: escalationTool() });
`;
const [withoutTool, withTool] = await Promise.all([measure({ contents: sidebarApp }), measure({ contents: toolApp })]);
const toolLeaked = TOOL_ONLY.filter((path) => withoutTool.inputs.includes(path));
if (toolLeaked.length || !withoutTool.inputs.includes('packages/core/src/pillar/connect-pillar.ts')) {
  failures.push(`an app using connectPillar without escalationTool() bundles the tool's code: ${toolLeaked.join(', ') || '(connect-pillar.ts missing from the bundle?)'}`);
}
const toolMissing = TOOL_ONLY.filter((path) => !withTool.inputs.includes(path));
if (toolMissing.length) failures.push(`the escalationTool() app does not bundle ${toolMissing.join(', ')}: update TOOL_ONLY in scripts/check-size.mjs`);

// Page-load bytes: the apps of scripts/bench/lazy-app.mjs built with code splitting, without
// tsyringe (measured apart in `pnpm bench`). What the page fetches before the app runs must not
// grow; the chunk the click loads must stay smaller than the whole eager app.
budgets.pageLoad ??= {};
const pageRows = [];
const eager = await measureSplit({ contents: EAGER_APP, external: ['tsyringe'] });
const splitApps = [...Object.entries(LAZY_APPS).map(([name, contents]) => ({ name, contents })), { name: LAZY_GETTING_STARTED_NAME, ...LAZY_GETTING_STARTED }];
for (const { name, contents, modules } of splitApps) {
  const { pageLoad, onClick } = await measureSplit({ contents, modules, external: ['tsyringe'] });
  if (write) budgets.pageLoad[name] = { minified: roundUp(pageLoad.minified), gzip: roundUp(pageLoad.gzip) };
  const budget = budgets.pageLoad[name];
  if (!budget) {
    failures.push(`page load of "${name}" has no budget in scripts/size-budgets.json (pageLoad)`);
    continue;
  }
  for (const metric of ['minified', 'gzip']) {
    if (pageLoad[metric] > budget[metric]) failures.push(`page load of "${name}": ${metric} ${pageLoad[metric]} B is over its budget of ${budget[metric]} B (+${pageLoad[metric] - budget[metric]} B)`);
  }
  // The lazy getting-started app also keeps the aim: at most 4 KB gzip before the first click.
  if (name === LAZY_GETTING_STARTED_NAME && pageLoad.gzip > PAGE_LOAD_AIM_GZIP) failures.push(`page load of "${name}": ${pageLoad.gzip} B gzip is over the aim of ${PAGE_LOAD_AIM_GZIP} B`);
  if (onClick.files > 0 && onClick.gzip >= eager.pageLoad.gzip) failures.push(`the chunk "${name}" loads on click (${onClick.gzip} B gzip) is not smaller than the eager app (${eager.pageLoad.gzip} B gzip)`);
  pageRows.push({ app: name, 'page load min': pageLoad.minified, 'page load gzip': pageLoad.gzip, 'budget gzip': budget.gzip, 'on click gzip': onClick.gzip });
}

console.table(rows);
console.table(pageRows);
console.log(`core-only app ${alone.minified} B; same app also importing every adapter unused ${withUnused.minified} B (must be identical); core + intercom app takes code from ${packagesIn(intercomApp.inputs).join(' + ')}`);
console.log(`registry + connectPillar ${withoutTool.minified} B (${withoutTool.gzip} B gzip) without the tool, ${withTool.minified} B (${withTool.gzip} B gzip) with escalationTool()`);
if (write) {
  writeFileSync(budgetsFile, `${JSON.stringify(budgets, null, 2)}\n`);
  console.log(`budgets written to scripts/size-budgets.json (measured + ${budgets.margin * 100}%, rounded up to 100 B)`);
}
if (failures.length) {
  console.error(`\nSize check failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('size budgets: ok');
