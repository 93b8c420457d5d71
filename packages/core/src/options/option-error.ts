import { EscalationError } from '../errors';

/**
 * The one shape of every adapter configuration error: `CONFIGURATION`, a message
 * `<adapter>: options.<path> <reason>`, and `details.path` (`options.mapping.tags`).
 */
export function optionError(adapter: string, path: string, reason: string, cause?: unknown): EscalationError {
  const full = path ? `options.${path}` : 'options';
  return new EscalationError('CONFIGURATION', `${adapter}: ${full} ${reason}`, {
    details: { path: full, adapter },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** How a refused value is shown in a message: short JSON, functions and secrets never printed. */
export function shown(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return typeof value;
  }
}
