import type { Scalar } from '../context/types';
import { EscalationError } from '../errors';
import { isPromiseLike, type Gate } from './gate';

function nonEmptyNames(names: unknown, caller: string, what: string): ReadonlySet<string> {
  if (!Array.isArray(names)) {
    throw new EscalationError('CONFIGURATION', `${caller}: expected an array of ${what} names, e.g. ${caller}(['pro'])`);
  }
  // An empty list would silently hide the option from everybody.
  if (names.length === 0) {
    throw new EscalationError('CONFIGURATION', `${caller}: the list of ${what}s is empty, so nobody would ever pass; list at least one ${what}`);
  }
  names.forEach((name: unknown, i: number) => {
    if (typeof name !== 'string' || name === '') {
      throw new EscalationError('CONFIGURATION', `${caller}: ${what} [${i}] must be a non-empty string (got ${JSON.stringify(name) ?? String(name)})`);
    }
  });
  return new Set(names as string[]);
}

/**
 * Allows users whose `context.user.plan` is one of `names` (exact, case-sensitive match).
 * No user or no plan: not allowed.
 */
export function plans(names: readonly string[]): Gate {
  const allowed = nonEmptyNames(names, 'plans', 'plan');
  return (context) => {
    const plan = context.user?.plan;
    return typeof plan === 'string' && allowed.has(plan);
  };
}

/**
 * Allows users whose `context.user.role` is one of `names` (exact, case-sensitive match).
 * No user or no role: not allowed.
 */
export function roles(names: readonly string[]): Gate {
  const allowed = nonEmptyNames(names, 'roles', 'role');
  return (context) => {
    const role = context.user?.role;
    return typeof role === 'string' && allowed.has(role);
  };
}

/**
 * Allows users for whom `predicate(context.user.attributes[name])` holds. When the attribute is
 * absent (no user, no attributes, or no such key) the predicate is not called and the answer is
 * no; an attribute explicitly set to `null` is present and goes to the predicate. The predicate
 * may be async.
 */
export function attribute(name: string, predicate: (value: Scalar) => boolean | Promise<boolean>): Gate {
  if (typeof name !== 'string' || name === '') {
    throw new EscalationError('CONFIGURATION', `attribute: the attribute name must be a non-empty string (got ${JSON.stringify(name) ?? String(name)})`);
  }
  if (typeof predicate !== 'function') {
    throw new EscalationError('CONFIGURATION', `attribute: the predicate for "${name}" must be a function, e.g. attribute('${name}', v => v === true)`);
  }
  return (context) => {
    const attributes = context.user?.attributes;
    // Own keys only: "constructor" or "__proto__" must not read the prototype.
    if (attributes == null || !Object.prototype.hasOwnProperty.call(attributes, name)) return false;
    const value = attributes[name];
    if (value === undefined) return false;
    const result = predicate(value);
    return isPromiseLike(result) ? Promise.resolve(result).then(Boolean) : Boolean(result);
  };
}

