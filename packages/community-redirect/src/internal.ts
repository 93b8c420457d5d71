import { EscalationError } from '@pillar/escalation-core';

// Helpers shared by the targets; not part of the public API.

/** A non-empty, single-line string option, trimmed. */
export function requireText(value: unknown, option: string): string {
  if (typeof value !== 'string' || value.trim() === '' || /[\r\n]/.test(value)) {
    throw configError(`${option} must be a non-empty single-line string, got ${describe(value)}`);
  }
  return value.trim();
}

export function configError(message: string): EscalationError {
  return new EscalationError('CONFIGURATION', message, { retryable: false });
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (value === null || value === undefined) return String(value);
  return typeof value === 'object' ? (Array.isArray(value) ? 'an array' : 'an object') : `${typeof value} ${String(value)}`;
}
