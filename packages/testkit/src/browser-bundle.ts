import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, isBuiltin } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type BuildResult, type Message, type Metafile, type Plugin } from 'esbuild';

/**
 * Names modules of a bundle, in {@link ExpectBrowserBundleOptions.forbid},
 * {@link ExpectBrowserBundleOptions.mustContain} and the {@link BrowserBundle} queries.
 *
 * - A string starting with `./`, `../` or `/` is a file, resolved from the entry's folder
 *   (from `resolveDir` for inline code), written as in an import: `'./ticket'`, `'./ticket.ts'`
 *   and `'./ticket.js'` all name `ticket.ts`, `'./rest'` also names `rest/index.ts`. With a
 *   trailing `/` (`'./rest/'`) it names every file in that folder.
 * - Any other string is a package or a specifier: it matches a module imported under that
 *   name or a subpath of it (`'axios'` covers `axios/unsafe/...`), and every file inside
 *   `node_modules/<name>/`, whichever copy it is. `'fs'` and `'node:fs'` are the same built-in.
 * - A RegExp is tested against each module's absolute path (with `/` separators; the specifier
 *   for a module left external, such as `node:http`) and against every specifier it is
 *   imported under.
 */
export type ModulePattern = string | RegExp;

/**
 * What to bundle: a file (a path, absolute or relative to the working directory, or a `file:`
 * URL such as `new URL('../src/index.ts', import.meta.url)`), or inline code, as an app would
 * write it (`export { acmeChat } from '@acme/escalation-chat'`), resolved from `resolveDir`.
 */
export type BrowserBundleEntry = string | URL | InlineBundleEntry;

/** Inline code to bundle in place of an entry file: what an app's own module would import. */
export interface InlineBundleEntry {
  /** The code, TypeScript or JavaScript, e.g. `"export { communityRedirect } from '@pillar/escalation-community-redirect';"`. */
  contents: string;
  /** The folder its imports are resolved from (absolute), usually your package's root. */
  resolveDir: string;
  /**
   * The name the code goes by in messages and import chains.
   * @defaultValue `'<stdin>'`
   */
  sourcefile?: string;
}

/** How {@link bundleForBrowser} builds; every field is optional. */
export interface BrowserBundleOptions {
  /**
   * The working directory: relative entries are resolved from it and module names in messages
   * are shown relative to it.
   * @defaultValue `process.cwd()`
   */
  cwd?: string;
  /**
   * esbuild options merged over the defaults (`bundle`, `platform: 'browser'`, `format: 'esm'`,
   * `minify: true`): `tsconfig` to resolve workspace packages through its `paths`, `plugins`,
   * `external` for what the app provides, `conditions`, `define`, ... The helper always sets
   * `write: false`, `metafile: true` and the entry, and adds a plugin after yours that leaves
   * Node built-ins external (so they show up as modules instead of failing the build).
   */
  esbuild?: Omit<BuildOptions, 'entryPoints' | 'stdin' | 'write' | 'metafile' | 'absWorkingDir'>;
}

/** What {@link expectBrowserBundle} checks, on top of how {@link bundleForBrowser} builds. */
export interface ExpectBrowserBundleOptions extends BrowserBundleOptions {
  /**
   * More modules the bundle must not load, besides the defaults: your server-only files
   * (`'./ticket'`, `'./rest/'`), SDKs that need a secret, packages too big for a widget.
   * @defaultValue `[]`
   */
  forbid?: ModulePattern[];
  /**
   * Whether to also forbid the defaults: `axios`, every Node built-in (`node:http`, `fs`, ...)
   * that did not resolve to a browser replacement, `@pillar/escalation-core/http` (core's
   * server-only helpers), and the package's own server entry (its `<name>/server` export and a
   * `server.ts` / `server.js` beside the entry file). Turn it off only to forbid exactly your
   * own list.
   * @defaultValue `true`
   */
  defaultForbid?: boolean;
  /**
   * Modules whose code must be in the output, so the check provably looks at a real bundle of
   * the right entry (a wrong path or an over-eager tree-shake would otherwise pass vacuously):
   * `['./widget']`, `['@intercom/messenger-js-sdk']`.
   * @defaultValue `[]`
   */
  mustContain?: ModulePattern[];
}

/** One module esbuild loaded for the bundle: a file, or an import left external. */
export interface BundledModule {
  /**
   * The absolute path with `/` separators; for an external import (a Node built-in, an
   * `external` of yours) the specifier; `<stdin>` for inline code.
   */
  path: string;
  /**
   * The short name used in messages: the path relative to the working directory, or
   * `node_modules/<package>/<file>` for a dependency (whichever copy pnpm or npm installed).
   */
  id: string;
  /** Whether esbuild left the import external (not part of the output, imported at run time). */
  external: boolean;
  /**
   * How many bytes of its code are in the output: `0` when tree-shaking dropped all of it
   * (it was still imported, so a dev server or a bundler that ignores `sideEffects` loads it).
   * For an external import, `0`.
   */
  bytesInOutput: number;
  /** The specifiers other modules import it under, as written (`'./widget'`, `'axios'`, `'node:http'`). */
  importedAs: string[];
  /** The {@link BundledModule.path | paths} of the modules that import it. */
  importers: string[];
}

/** The facts of one browser bundle, from {@link bundleForBrowser} or {@link expectBrowserBundle}. */
export interface BrowserBundle {
  /** The entry's {@link BundledModule.id | id}: where every import chain starts. */
  entry: string;
  /** Every module esbuild loaded, the entry first, including ones tree-shaking then dropped. */
  modules: BundledModule[];
  /** The output code (minified unless `esbuild.minify` is `false`), for `toContain` checks on strings such as API paths. */
  code: string;
  /** The output's size in bytes (UTF-8), not compressed. */
  bytes: number;
  /** esbuild's metafile, for anything the other fields do not answer. */
  metafile: Metafile;
  /**
   * Whether any module matching `pattern` was loaded: imported directly or transitively, even
   * if tree-shaking then dropped all of its code. This is what `forbid` looks at.
   */
  reaches(pattern: ModulePattern): boolean;
  /** Whether code of a module matching `pattern` is in the output (or, for an external, still imported by it). */
  ships(pattern: ModulePattern): boolean;
  /**
   * The shortest chain of imports from the entry to the first module matching `pattern`, as
   * {@link BundledModule.id | ids}, the entry first; `undefined` when no module matches.
   */
  importChain(pattern: ModulePattern): string[] | undefined;
}

/** One forbidden module that a browser bundle loads, as reported by {@link BrowserBundleError}. */
export interface BundleViolation {
  /** The first forbidden module on its import chain (`node_modules/axios/index.js`, `node:http`). */
  module: BundledModule;
  /** The pattern that forbids it, as written in the message: `'axios'`, `/ticket/`, `Node built-ins`. */
  forbiddenBy: string;
  /** The import chain from the entry to {@link BundleViolation.module}, as ids, the entry first. */
  importChain: string[];
  /** How many other loaded modules the same pattern matches behind this one (the rest of axios, say). */
  more: number;
}

/**
 * A browser bundle loads a forbidden module, or lacks code it must contain. The message names
 * each forbidden module with the rule that forbids it and the import chain that pulls it in;
 * the fields hold the same for code.
 */
export class BrowserBundleError extends Error {
  /** Always `BrowserBundleError`. */
  override readonly name = 'BrowserBundleError';
  /** The forbidden modules the bundle loads, one per import path into the forbidden code. */
  readonly violations: BundleViolation[];
  /** The `mustContain` patterns whose code is not in the output, as written in the message. */
  readonly missing: string[];
  /** The bundle that was checked. */
  readonly bundle: BrowserBundle;

  constructor(bundle: BrowserBundle, violations: BundleViolation[], missing: string[]) {
    super(describeProblems(bundle, violations, missing));
    this.bundle = bundle;
    this.violations = violations;
    this.missing = missing;
  }
}

/**
 * Bundles an entry for the browser with esbuild and returns what went in: every module loaded,
 * the import graph, the output code and its size. It asserts nothing; use it for your own
 * checks (tree-shaking, size) and {@link expectBrowserBundle} for the usual ones.
 *
 * @throws `Error` naming the entry and esbuild's errors when the entry does not bundle (a
 * missing file, an import that does not resolve). A Node built-in is not an error here: it
 * stays external and shows up in {@link BrowserBundle.modules}. ({@link expectBrowserBundle}
 * treats a forbidden package that is not installed the same way, so it is reported by name.)
 */
export function bundleForBrowser(entry: BrowserBundleEntry, options: BrowserBundleOptions = {}): Promise<BrowserBundle> {
  return bundle(entry, options, []);
}

/** {@link bundleForBrowser}, leaving `keepExternal` packages external when they are not installed. */
async function bundle(entry: BrowserBundleEntry, options: BrowserBundleOptions, keepExternal: string[]): Promise<BrowserBundle> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { source, file } = readEntry(entry, cwd);
  const overrides = options.esbuild ?? {};
  let result: BuildResult<{ metafile: true; write: false }>;
  try {
    result = await build({
      bundle: true,
      platform: 'browser',
      format: 'esm',
      minify: true,
      logLevel: 'silent',
      ...overrides,
      ...(source
        ? { stdin: { contents: source.contents, resolveDir: source.resolveDir, sourcefile: source.sourcefile ?? '<stdin>', loader: 'ts' } }
        : { entryPoints: [file!] }),
      write: false,
      metafile: true,
      absWorkingDir: cwd,
      plugins: [
        ...(overrides.plugins ?? []),
        externalWhenUnresolved('node-builtins', BUILTIN_FILTER),
        ...(keepExternal.length > 0 ? [externalWhenUnresolved('forbidden-packages', new RegExp(`^(${keepExternal.map(escapeRegExp).join('|')})(/.*)?$`))] : []),
      ],
    });
  } catch (error) {
    const messages = (error as { errors?: Message[] }).errors;
    const detail = Array.isArray(messages) && messages.length > 0 ? messages.map(formatMessage).join('\n') : String(error);
    throw new Error(`Could not bundle ${source ? (source.sourcefile ?? '<stdin>') : displayId(toPosix(file!), cwd)} for the browser:\n${detail}`, { cause: error });
  }
  const base = toPosix(source ? resolve(source.resolveDir) : dirname(file!));
  return readBundle(result, cwd, base, source ? (source.sourcefile ?? '<stdin>') : undefined);
}

/**
 * Bundles a browser entry with esbuild (as {@link bundleForBrowser} does) and throws a
 * {@link BrowserBundleError} when it loads a forbidden module, directly or through other
 * modules, or when code it `mustContain` is missing. By default it forbids axios, Node
 * built-ins, core's server helpers and the package's own server entry; add your server-only
 * files with `forbid`. Works in any test runner: it only throws.
 *
 * Forbidden modules are looked for in everything esbuild loaded, not only the code left after
 * tree-shaking: an import that the production build happens to drop still runs in a dev server.
 *
 * @returns the bundle's facts, for further assertions (`bundle.code`, `bundle.bytes`, ...).
 * @throws {@link BrowserBundleError} naming each forbidden module, the rule and the import chain.
 * @throws `Error` when the entry does not bundle, or a file pattern in `forbid` or
 * `mustContain` names no file (a typo would otherwise forbid nothing).
 *
 * @example
 * ```ts
 * it('the browser entry bundles without axios or the server code', async () => {
 *   await expectBrowserBundle(join(__dirname, '../src/index.ts'), { forbid: ['./ticket', './rest/'], mustContain: ['./widget'] });
 * }, 30_000);
 * ```
 */
export async function expectBrowserBundle(entry: BrowserBundleEntry, options: ExpectBrowserBundleOptions = {}): Promise<BrowserBundle> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const { source, file } = readEntry(entry, cwd);
  const base = source ? resolve(source.resolveDir) : dirname(file!);
  for (const [option, patterns] of [['forbid', options.forbid ?? []], ['mustContain', options.mustContain ?? []]] as const) {
    for (const pattern of patterns) assertNamesSomething(option, pattern, base);
  }
  const rules: Rule[] = [
    ...(options.defaultForbid === false ? [] : defaultRules(file)),
    ...(options.forbid ?? []).map((pattern) => patternRule(pattern, toPosix(base))),
  ];
  // A forbidden package that is not installed (axios in an adapter that never needed it) is
  // still a forbidden import: keep it external so it is reported, not a "Could not resolve".
  const keepExternal = rules.flatMap((rule) => (rule.specifier === undefined ? [] : [rule.specifier]));
  const result = await bundle(entry, options, keepExternal);
  const violations = findViolations(result, rules);
  const missing = (options.mustContain ?? []).filter((pattern) => !result.ships(pattern)).map(describePattern);
  if (violations.length > 0 || missing.length > 0) throw new BrowserBundleError(result, violations, missing);
  return result;
}

// ---------------------------------------------------------------------------------------------

interface Rule {
  label: string;
  test(module: BundledModule): boolean;
  /** The package or specifier it forbids by name, if it is one. */
  specifier?: string;
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** esbuild's filter is a Go regexp: every built-in by name, and anything with the `node:` scheme. */
const BUILTIN_FILTER = new RegExp(`^(node:.*|${builtinModules.map(escapeRegExp).join('|')})$`);
const INNER = Symbol('browser-bundle:inner');

/**
 * Leaves an import that matches `filter` external when nothing resolves it for the browser (for
 * a Node built-in, a `browser` field mapping or an installed polyfill package still wins), so
 * the check can name it and the chain to it instead of failing with "Could not resolve".
 */
const externalWhenUnresolved = (name: string, filter: RegExp): Plugin => ({
  name: `pillar-testkit:${name}`,
  setup(b) {
    b.onResolve({ filter }, async (args) => {
      if ((args.pluginData as Record<symbol, unknown> | undefined)?.[INNER]) return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        namespace: args.namespace,
        resolveDir: args.resolveDir,
        pluginData: { [INNER]: true },
      });
      if (resolved.errors.length > 0) return { path: args.path, external: true };
      return {
        path: resolved.path,
        namespace: resolved.namespace,
        external: resolved.external,
        sideEffects: resolved.sideEffects,
        suffix: resolved.suffix,
        pluginData: resolved.pluginData,
      };
    });
  },
});

function readEntry(entry: BrowserBundleEntry, cwd: string): { source?: InlineBundleEntry; file?: string } {
  if (typeof entry === 'string') return { file: resolve(cwd, entry) };
  if (entry instanceof URL) return { file: fileURLToPath(entry) };
  return { source: entry };
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** `<stdin>`, `node:http`, `(disabled):fs`: not files. A Windows drive (`C:/`) is a file. */
function isVirtual(key: string): boolean {
  return key.startsWith('<') || (/^[\w()-]+:/.test(key) && !/^[a-zA-Z]:[\\/]/.test(key));
}

function displayId(path: string, cwd: string): string {
  if (isVirtual(path)) return path;
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules >= 0) return path.slice(inModules + 1);
  const rel = toPosix(relative(cwd, path));
  return rel === '' ? path : rel;
}

function readBundle(result: BuildResult<{ metafile: true; write: false }>, cwd: string, base: string, inlineName: string | undefined): BrowserBundle {
  const { metafile } = result;
  const modules = new Map<string, BundledModule>();
  const absolute = (key: string) => (isVirtual(key) ? key : toPosix(resolve(cwd, key)));
  const moduleAt = (path: string, external: boolean): BundledModule => {
    let module = modules.get(path);
    if (!module) {
      module = { path, id: displayId(path, cwd), external, bytesInOutput: 0, importedAs: [], importers: [] };
      modules.set(path, module);
    }
    return module;
  };
  const outputs = Object.values(metafile.outputs).filter((output) => output.entryPoint !== undefined || Object.keys(output.inputs).length > 0);
  const entryKey = outputs.find((output) => output.entryPoint !== undefined)?.entryPoint;
  if (entryKey !== undefined) moduleAt(absolute(entryKey), false);
  // `<runtime>` is esbuild's own helper code, not a module anyone imported.
  const inputs = Object.entries(metafile.inputs).filter(([key]) => key !== '<runtime>');
  for (const [key] of inputs) moduleAt(absolute(key), false);
  for (const [key, input] of inputs) {
    const importer = absolute(key);
    for (const record of input.imports) {
      const target = moduleAt(record.external ? record.path : absolute(record.path), record.external === true);
      const specifier = record.original ?? record.path;
      if (!target.importedAs.includes(specifier)) target.importedAs.push(specifier);
      if (!target.importers.includes(importer)) target.importers.push(importer);
    }
  }
  const shippedExternals = new Set<string>();
  for (const output of outputs) {
    for (const [key, { bytesInOutput }] of Object.entries(output.inputs)) {
      if (key !== '<runtime>') moduleAt(absolute(key), false).bytesInOutput += bytesInOutput;
    }
    for (const record of output.imports) if (record.external) shippedExternals.add(record.path);
  }
  const files = result.outputFiles.filter((output) => !output.path.endsWith('.map'));
  const list = [...modules.values()];
  const entry = entryKey === undefined ? list[0] : modules.get(absolute(entryKey));
  // esbuild files inline code under its resolveDir; messages call it by its sourcefile name.
  if (entry && inlineName !== undefined) entry.id = inlineName;
  const ships = (module: BundledModule) => (module.external ? shippedExternals.has(module.path) : module.bytesInOutput > 0);
  const chainTo = (test: (module: BundledModule) => boolean) => (entry ? shortestChain(entry, modules, test) : undefined);
  return {
    entry: entry?.id ?? '<none>',
    modules: list,
    code: files.map((output) => output.text).join('\n'),
    bytes: files.reduce((sum, output) => sum + output.contents.byteLength, 0),
    metafile,
    reaches: (pattern) => list.some(matcher(pattern, base)),
    ships: (pattern) => list.some((module) => ships(module) && matcher(pattern, base)(module)),
    importChain: (pattern) => chainTo(matcher(pattern, base))?.map((module) => module.id),
  };
}

/** Breadth-first from the entry over import edges: the shortest chain to a module that passes `test`. */
function shortestChain(entry: BundledModule, modules: Map<string, BundledModule>, test: (module: BundledModule) => boolean): BundledModule[] | undefined {
  const imports = new Map<string, BundledModule[]>();
  for (const module of modules.values()) {
    for (const importer of module.importers) imports.set(importer, [...(imports.get(importer) ?? []), module]);
  }
  const previous = new Map<BundledModule, BundledModule | null>([[entry, null]]);
  const queue = [entry];
  for (let next = queue.shift(); next; next = queue.shift()) {
    if (test(next)) {
      const chain: BundledModule[] = [];
      for (let at: BundledModule | null | undefined = next; at; at = previous.get(at)) chain.unshift(at);
      return chain;
    }
    for (const child of imports.get(next.path) ?? []) {
      if (!previous.has(child)) {
        previous.set(child, next);
        queue.push(child);
      }
    }
  }
  return undefined;
}

const isFilePattern = (pattern: string) => pattern.startsWith('./') || pattern.startsWith('../') || pattern === '.' || pattern === '..' || isAbsolute(pattern);
const stripNodeScheme = (specifier: string) => (specifier.startsWith('node:') && isBuiltin(specifier) ? specifier.slice(5) : specifier);

/** The files a file pattern (`./ticket`, `./ticket.js`, `./rest`) may name, absolute, with `/`. */
function fileCandidates(pattern: string, base: string): string[] {
  const target = toPosix(resolve(base, pattern));
  const candidates = [target, ...SOURCE_EXTENSIONS.map((ext) => target + ext), ...SOURCE_EXTENSIONS.map((ext) => `${target}/index${ext}`)];
  // TypeScript's ESM style: `./ticket.js` in the source means `ticket.ts`.
  const js = /\.(m|c)?js(x)?$/.exec(target);
  if (js) candidates.push(`${target.slice(0, -js[0].length)}.${js[1] ?? ''}ts${js[2] ?? ''}`);
  return candidates;
}

function matcher(pattern: ModulePattern, base: string): (module: BundledModule) => boolean {
  if (pattern instanceof RegExp) {
    const regexp = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
    return (module) => regexp.test(module.path) || module.importedAs.some((specifier) => regexp.test(specifier));
  }
  if (isFilePattern(pattern)) {
    if (/[\\/]$/.test(pattern)) {
      const folder = `${toPosix(resolve(base, pattern))}/`;
      return (module) => !module.external && module.path.startsWith(folder);
    }
    const candidates = new Set(fileCandidates(pattern, base));
    return (module) => !module.external && candidates.has(module.path);
  }
  const name = stripNodeScheme(pattern);
  const inNodeModules = new RegExp(`/node_modules/${escapeRegExp(name)}(/|\\.|$)`);
  return (module) =>
    module.importedAs.some((specifier) => {
      const written = stripNodeScheme(specifier);
      return written === name || written.startsWith(`${name}/`);
    }) || (!module.external && inNodeModules.test(module.path));
}

function describePattern(pattern: ModulePattern): string {
  return pattern instanceof RegExp ? String(pattern) : `'${pattern}'`;
}

function patternRule(pattern: ModulePattern, base: string): Rule {
  const specifier = typeof pattern === 'string' && !isFilePattern(pattern) && !isBuiltin(pattern) ? pattern : undefined;
  return { label: describePattern(pattern), test: matcher(pattern, base), ...(specifier === undefined ? {} : { specifier }) };
}

/** A file pattern that names no file is a typo that would silently forbid (or require) nothing. */
function assertNamesSomething(option: string, pattern: ModulePattern, base: string): void {
  if (typeof pattern !== 'string' || !isFilePattern(pattern)) return;
  const found = /[\\/]$/.test(pattern) ? existsSync(resolve(base, pattern)) : fileCandidates(pattern, base).some((candidate) => existsSync(candidate));
  if (!found) throw new Error(`${option}: '${pattern}' names no file or folder (resolved from ${toPosix(base)}); a typo here would check nothing`);
}

/** The package.json that owns `file`, if any. */
function owningPackage(file: string): { dir: string; manifest: { name?: unknown; exports?: unknown } } | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      try {
        return { dir, manifest: JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; exports?: unknown } };
      } catch {
        return undefined;
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function defaultRules(file: string | undefined): Rule[] {
  const rules: Rule[] = [
    patternRule('axios', '/'),
    { label: 'Node built-ins', test: (module) => module.external && isBuiltin(module.path) },
    patternRule('@pillar/escalation-core/http', '/'),
  ];
  if (file === undefined) return rules;
  const owner = owningPackage(file);
  const exports = owner?.manifest.exports;
  if (typeof owner?.manifest.name === 'string' && exports !== null && typeof exports === 'object' && './server' in exports) {
    const specifier = `${owner.manifest.name}/server`;
    rules.push({ label: `'${specifier}' (the package's server entry)`, test: matcher(specifier, '/'), specifier });
  }
  const dir = dirname(file);
  const server = SOURCE_EXTENSIONS.map((ext) => join(dir, `server${ext}`)).find((candidate) => candidate !== file && existsSync(candidate));
  if (server) rules.push({ label: `'./server' (the package's server entry)`, test: matcher(server, '/') });
  return rules;
}

function findViolations(bundle: BrowserBundle, rules: Rule[]): BundleViolation[] {
  const byPath = new Map(bundle.modules.map((module) => [module.path, module]));
  const entry = bundle.modules.find((module) => module.id === bundle.entry);
  const violations: BundleViolation[] = [];
  const reported = new Set<string>();
  for (const rule of rules) {
    const matched = bundle.modules.filter((module) => rule.test(module));
    // Report where the chain enters forbidden code, not every file inside it.
    const enteredFromOutside = (module: BundledModule) =>
      module === entry || module.importers.some((importer) => !rule.test(byPath.get(importer) ?? module));
    const heads = matched.filter(enteredFromOutside);
    for (const head of heads.length > 0 ? heads : matched.slice(0, 1)) {
      if (reported.has(head.path)) continue;
      reported.add(head.path);
      const chain = entry ? shortestChain(entry, byPath, (module) => module === head) : undefined;
      violations.push({ module: head, forbiddenBy: rule.label, importChain: (chain ?? [head]).map((module) => module.id), more: matched.length - Math.max(heads.length, 1) });
    }
  }
  return violations;
}

function describeProblems(bundle: BrowserBundle, violations: BundleViolation[], missing: string[]): string {
  const lines: string[] = [];
  if (violations.length > 0) {
    lines.push(`The browser bundle of ${bundle.entry} loads ${violations.length === 1 ? 'a forbidden module' : `${violations.length} forbidden modules`}:`);
    for (const { module, forbiddenBy, importChain, more } of violations) {
      const notes = [`forbidden by ${forbiddenBy}`];
      if (more > 0) notes.push(`${more} more file${more === 1 ? '' : 's'} behind it`);
      if (!module.external && module.bytesInOutput === 0) notes.push('imported, though none of its code reached this output');
      if (module.external && !isBuiltin(module.path)) notes.push('left external: not installed here, or in `external`');
      lines.push('', `  ${module.id} (${notes.join('; ')})`, ...importChain.map((id, i) => (i === 0 ? `      ${id}` : `    → ${id}`)));
    }
    lines.push('', 'A browser entry must not import these, directly or through other modules: move the code that needs them behind a server entry.');
  }
  if (missing.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(
      `The browser bundle of ${bundle.entry} has no code of ${missing.join(', ')} (mustContain): the check may be looking at the wrong entry, or tree-shaking dropped it.`,
    );
  }
  return lines.join('\n');
}

function formatMessage(message: Message): string {
  const at = message.location ? `${message.location.file}:${message.location.line}:${message.location.column}: ` : '';
  return [`  ${at}${message.text}`, ...message.notes.map((note) => `    ${note.text}`)].join('\n');
}
