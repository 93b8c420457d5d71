import { readFileSync } from 'node:fs';
import { inspect, isDeepStrictEqual } from 'node:util';
import { isEscalationError, type OptionField, type OptionFields, type OptionsDeclaration } from '@pillar/escalation-core';
import { testRunner } from './runner';

/** Where an options interface and its TSDoc live, for the `@defaultValue` check. */
export interface OptionsSource {
  /** The TypeScript file (absolute, or relative to the working directory). */
  file: string;
  /** The interface's name in it (`ZendeskTicketOptions`); an interface it extends is listed as another source. */
  interface: string;
}

/** Options of {@link describeOptionChecks}. */
export interface OptionChecksOptions<O> {
  /** Makes the adapter (or anything else built from options). */
  factory: (options: O) => unknown;
  /** The adapter's declared options (`defineOptions(...)`). */
  declaration: OptionsDeclaration<OptionFields>;
  /** Options the factory accepts; each check changes one option of these. */
  valid: O;
  /**
   * The options interfaces whose TSDoc `@defaultValue` must match each declared default. Only a
   * literal is compared (`150`, `10_000`, `'us'`, `false`, `{ waitMs: 2_000 }`); prose such as
   * "the account's default" is taken as "no default".
   */
  sources?: OptionsSource[];
  /**
   * Instead of (or as well as) `sources`: the documented default of an option by path
   * (`find.waitMs`), compared with the declared one.
   */
  documented?: Readonly<Record<string, unknown>>;
  /** Options whose declared default is allowed to differ from its TSDoc (say why in the test). */
  skipDefaults?: readonly string[];
}

/** One field of a declaration with its dotted path (`find.waitMs`). */
interface PathedField {
  path: string;
  field: OptionField<unknown>;
}

function walk(fields: OptionFields, prefix = ''): PathedField[] {
  const out: PathedField[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const path = `${prefix}${name}`;
    out.push({ path, field });
    if (field.fields) out.push(...walk(field.fields, `${path}.`));
  }
  return out;
}

/** The options with one value replaced at a dotted path (copies on the way). */
function withValue(options: unknown, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const base = { ...(options as Record<string, unknown>) };
  if (rest.length === 0) {
    if (value === undefined) delete base[head];
    else base[head] = value;
    return base;
  }
  base[head] = withValue(typeof base[head] === 'object' && base[head] !== null ? base[head] : {}, rest.join('.'), value);
  return base;
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

function label(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 30 ? `${value.slice(0, 27)}...` : value);
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 37)}...` : text;
  } catch {
    return typeof value;
  }
}

/**
 * Checks an adapter's options against its declaration: each option given each value its field
 * refuses throws `CONFIGURATION` with `details.path` `options.<path>`; each required option
 * left out does too; each old name still works; and each declared default is the one the TSDoc
 * (`@defaultValue`) or the `documented` table states.
 */
export function describeOptionChecks<O>(name: string, options: OptionChecksOptions<O>): void {
  const { factory, declaration, valid } = options;
  const all = walk(declaration.fields);
  const make = (input: unknown) => factory(input as O);

  const { describe, it } = testRunner();
  describe(`${name}: options`, () => {
    it('accepts the valid options', () => {
      assertSame(thrownBy(() => make(valid)), undefined, 'the valid options threw');
    });

    for (const { path, field } of all) {
      for (const value of field.invalid) {
        it(`options.${path} = ${label(value)} is CONFIGURATION naming it`, () => {
          const error = thrownBy(() => make(withValue(valid, path, value)));
          // The path names the option, or a member of it (`options.auth.email`).
          const named = isEscalationError(error) && typeof error.details?.path === 'string' && (error.details.path === `options.${path}` || error.details.path.startsWith(`options.${path}.`));
          assertSame(isEscalationError(error) ? { code: error.code, path: named ? `options.${path}` : error.details?.path } : error, { code: 'CONFIGURATION', path: `options.${path}` }, `options.${path} = ${label(value)}`);
        });
      }
    }

    for (const { path, field } of all) {
      if (!field.required || path.includes('.')) continue;
      it(`a missing options.${path} is CONFIGURATION naming it`, () => {
        const error = thrownBy(() => make(withValue(valid, path, undefined)));
        assertSame(isEscalationError(error) ? { code: error.code, path: error.details?.path } : error, { code: 'CONFIGURATION', path: `options.${path}` }, `a missing options.${path}`);
      });
    }

    for (const [old, now] of Object.entries(declaration.renamed)) {
      it(`the old name options.${old} still works for options.${now}, but not with it`, () => {
        const field = declaration.fields[now];
        const value = (valid as Record<string, unknown>)[now] ?? field?.default;
        if (value === undefined) throw new Error(`give options.${now} in \`valid\`, so its old name options.${old} can be tried with that value`);
        assertSame(thrownBy(() => make(withValue(withValue(valid, now, undefined), old, value))), undefined, `options.${old} instead of options.${now} threw`);
        const both = thrownBy(() => make(withValue(withValue(valid, now, value), old, value)));
        assertSame(isEscalationError(both) ? { code: both.code, path: both.details?.path } : both, { code: 'CONFIGURATION', path: `options.${old}` }, `options.${old} beside options.${now}`);
      });
    }

    const documented = { ...documentedDefaults(options.sources ?? []), ...options.documented };
    const skip = new Set(options.skipDefaults ?? []);
    for (const { path, field } of all) {
      if (path.includes('.') || skip.has(path)) continue;
      it(`options.${path}: the declared default is the documented one`, () => {
        const doc = Object.prototype.hasOwnProperty.call(documented, path) ? documented[path] : NOT_DOCUMENTED;
        const declared = field.default;
        if (doc === NOT_DOCUMENTED || doc === PROSE) {
          // No literal in the docs: the declaration must not invent one (a function default, "the account's").
          assertSame(declared === undefined || typeof declared === 'object' ? 'none or derived' : declared, 'none or derived', `options.${path} declares a default its TSDoc does not state`);
          return;
        }
        if (typeof doc === 'object' && doc !== null && !Array.isArray(doc) && typeof declared === 'object' && declared !== null) {
          // The documented members, as declared (the declaration may have more).
          const picked = Object.fromEntries(Object.keys(doc).map((key) => [key, (declared as Record<string, unknown>)[key]]));
          assertSame(picked, doc, `options.${path}: the declared default`);
        } else {
          assertSame(declared, doc, `options.${path}: the declared default`);
        }
      });
    }
  });
}

/** Fails the test, showing both values, unless they are deeply equal. */
function assertSame(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) {
    throw new Error(`${what}: expected ${inspect(expected, { depth: 4 })}, got ${actual instanceof Error ? `${actual.name}: ${actual.message}` : inspect(actual, { depth: 4 })}`);
  }
}

const NOT_DOCUMENTED = Symbol('not documented');
const PROSE = Symbol('prose');

/** The `@defaultValue` of each property of the named interfaces, as literals where they are ones. */
export function documentedDefaults(sources: readonly OptionsSource[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const source of sources) {
    const text = readFileSync(source.file, 'utf8');
    const start = text.search(new RegExp(`interface ${source.interface}\\b[^{]*\\{`));
    if (start < 0) throw new Error(`${source.file} has no interface ${source.interface}`);
    const body = interfaceBody(text, text.indexOf('{', start));
    // A doc comment, then the property it documents, at the interface's top level.
    for (const match of body.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??:/g)) {
      const doc = match[1] ?? '';
      const key = match[2] ?? '';
      const at = doc.search(/@defaultValue\b/);
      if (at < 0) continue;
      const value = doc.slice(at + '@defaultValue'.length).replace(/^\s*\*?\s*/, '').split(/\n\s*\*\s*@/)[0] ?? '';
      out[key] = parseLiteral(value.replace(/\n\s*\*\s*/g, ' ').trim());
    }
  }
  return out;
}

/** The interface's own braces, with nested object types blanked so their members are not read. */
function interfaceBody(text: string, open: number): string {
  let depth = 0;
  let body = '';
  let comment = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (!comment && text.startsWith('/*', i)) comment = true;
    else if (comment && text.startsWith('*/', i - 1) && i > open) comment = false;
    if (!comment && c === '{') depth++;
    if (!comment && c === '}') depth--;
    if (depth === 0) break;
    // Keep the top level (doc comments whole); blank nested object types so their members are not read.
    body += depth === 1 || c === '\n' ? c : ' ';
  }
  return body;
}

/** A literal at the start of a `@defaultValue` (in backticks or not), else {@link PROSE}. */
function parseLiteral(text: string): unknown {
  const code = /^`([^`]*)`/.exec(text)?.[1];
  const head = (code ?? text).trim();
  const number = /^-?\d[\d_,]*(\.\d+)?(?![\w])/.exec(head);
  if (number) return Number(number[0].replace(/[_,]/g, ''));
  const quoted = /^(['"])(.*?)\1/.exec(head);
  if (quoted) return quoted[2];
  const bool = /^(true|false)\b/.exec(head);
  if (bool) return bool[1] === 'true';
  if (head.startsWith('{') && head.endsWith('}')) {
    const obj: Record<string, unknown> = {};
    for (const part of head.slice(1, -1).split(',')) {
      const [k, v] = part.split(':').map((s) => s.trim());
      if (!k || v === undefined) return PROSE;
      const parsed = parseLiteral(v);
      if (parsed === PROSE) return PROSE;
      obj[k] = parsed;
    }
    return obj;
  }
  if (head.startsWith('[') && head.endsWith(']')) {
    const items = head.slice(1, -1).split(',').map((s) => parseLiteral(s.trim()));
    return items.includes(PROSE) ? PROSE : items;
  }
  return PROSE;
}
