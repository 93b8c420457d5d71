import { EscalationError } from '@pillar/escalation-core';

/** Reads an integer option at construction: `fallback` when absent, `CONFIGURATION` when not an integer ≥ `min`. */
export function integerOption(value: number | undefined, fallback: number, name: string, adapter: string, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new EscalationError('CONFIGURATION', `${adapter}: \`${name}\` must be an integer ≥ ${min} (got ${String(value)})`, { details: { path: name } });
  }
  return value;
}

/** Reads a value that must be one of `allowed`, else `CONFIGURATION`. */
export function enumOption<T extends number>(value: T | undefined, fallback: T, allowed: readonly number[], name: string, adapter: string): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) {
    throw new EscalationError('CONFIGURATION', `${adapter}: \`${name}\` must be one of ${allowed.join(', ')} (got ${String(value)})`, { details: { path: name } });
  }
  return value;
}
