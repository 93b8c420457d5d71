import { ConformanceError } from './conformance-error';
import { formatPath, type PathStep } from './paths';

/** Where a value stops being plain JSON, and why. */
export interface JsonProblem {
  /** Where the value is, e.g. `payload.ticket.tags[2]`. */
  path: string;
  /** What is wrong with it. */
  problem: string;
}

/**
 * Finds the first value that would not survive `JSON.parse(JSON.stringify(value))` unchanged:
 * `undefined` in an array or as the whole value, functions, symbols, bigints, `NaN`,
 * `Infinity`, `-0`, holes in arrays, symbol keys, cycles, and any object that is not a plain
 * object or array (`Date`, `Map`, `RegExp`, class instances, typed arrays). An `undefined`
 * object property is treated as absent, as JSON does. Shared (non-cyclic) references are fine.
 */
export function findJsonProblem(value: unknown, root = 'payload'): JsonProblem | undefined {
  const ancestors = new Set<object>();

  const walk = (v: unknown, steps: PathStep[], inArray: boolean): JsonProblem | undefined => {
    const at = (problem: string): JsonProblem => ({ path: formatPath(root, steps), problem });
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return undefined;
      case 'number':
        if (Number.isNaN(v)) return at('is NaN (JSON turns it into null)');
        if (!Number.isFinite(v)) return at(`is ${v} (JSON turns it into null)`);
        if (Object.is(v, -0)) return at('is -0 (JSON turns it into 0)');
        return undefined;
      case 'undefined':
        return inArray || steps.length === 0 ? at('is undefined (JSON turns it into null or drops it)') : undefined;
      case 'function':
        return at('is a function (JSON drops it)');
      case 'symbol':
        return at('is a symbol (JSON drops it)');
      case 'bigint':
        return at('is a bigint (JSON.stringify throws)');
      default:
        break;
    }
    if (v === null) return undefined;
    const object = v as object;
    if (ancestors.has(object)) return at('is a cycle (refers to one of its own ancestors)');
    if (Array.isArray(object)) {
      ancestors.add(object);
      for (let i = 0; i < object.length; i += 1) {
        if (!(i in object)) return { path: formatPath(root, [...steps, i]), problem: 'is a hole in a sparse array (JSON turns it into null)' };
        const found = walk(object[i], [...steps, i], true);
        if (found) return found;
      }
      ancestors.delete(object);
      return undefined;
    }
    const proto: unknown = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) {
      const name = (object as { constructor?: { name?: unknown } }).constructor?.name;
      return at(`is a ${typeof name === 'string' && name !== '' ? name : 'non-plain object'} (only plain objects and arrays are JSON)`);
    }
    if (Object.getOwnPropertySymbols(object).some((s) => Object.prototype.propertyIsEnumerable.call(object, s))) {
      return at('has a symbol key (JSON drops it)');
    }
    ancestors.add(object);
    for (const key of Object.keys(object)) {
      const found = walk((object as Record<string, unknown>)[key], [...steps, key], false);
      if (found) return found;
    }
    ancestors.delete(object);
    return undefined;
  };

  return walk(value, [], false);
}

/** A deep copy of a JSON-like value (plain objects, arrays, primitives). */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => cloneJson(item)) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = cloneJson((value as Record<string, unknown>)[key]);
  return out as T;
}

/** Freezes a value and everything in it, so any write by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * The path of the first place two JSON-like values differ, or `undefined` when they are deep
 * equal (an `undefined` property equals a missing one, as in JSON).
 */
export function firstDifference(
  a: unknown,
  b: unknown,
  root = 'payload',
  [first, next]: readonly [string, string] = ['the first time', 'the next'],
): JsonProblem | undefined {
  const walk = (x: unknown, y: unknown, steps: PathStep[]): JsonProblem | undefined => {
    if (Object.is(x, y)) return undefined;
    const at = (problem: string): JsonProblem => ({ path: formatPath(root, steps), problem });
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') {
      return at(`${describe(x)} ${first}, ${describe(y).replace(/^is /, '')} ${next}`);
    }
    if (x instanceof Date && y instanceof Date) {
      return x.getTime() === y.getTime() || (Number.isNaN(x.getTime()) && Number.isNaN(y.getTime()))
        ? undefined
        : at(`is the date ${describeDate(x)} ${first}, ${describeDate(y)} ${next}`);
    }
    if (Array.isArray(x) !== Array.isArray(y)) return at(`${describe(x)} ${first}, ${describe(y).replace(/^is /, '')} ${next}`);
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return at(`has ${x.length} items ${first}, ${y.length} ${next}`);
      for (let i = 0; i < x.length; i += 1) {
        const found = walk(x[i], y[i], [...steps, i]);
        if (found) return found;
      }
      return undefined;
    }
    const ox = x as Record<string, unknown>;
    const oy = y as Record<string, unknown>;
    const keys = new Set([...Object.keys(ox), ...Object.keys(oy)]);
    for (const key of keys) {
      const found = walk(ox[key], oy[key], [...steps, key]);
      if (found) return found;
    }
    if (Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return at(`has a different prototype ${next}`);
    return undefined;
  };
  return walk(a, b, []);
}

function describeDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'Invalid Date' : date.toISOString();
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${JSON.stringify(value.slice(0, 60))}… (${value.length} chars)` : JSON.stringify(value);
    return `is ${shown}`;
  }
  if (Array.isArray(value)) return `is an array of ${value.length}`;
  if (value === null) return 'is null';
  if (typeof value === 'object') return 'is an object';
  if (typeof value === 'function') return 'is a function';
  return `is ${String(value)}`;
}

/** Throws a `ConformanceError` naming the path when `payload` is not plain JSON. */
export function assertJson(check: string, fixture: string, value: unknown, root = 'payload'): void {
  const problem = findJsonProblem(value, root);
  if (problem) throw new ConformanceError(check, fixture, problem.problem, { path: problem.path });
}
