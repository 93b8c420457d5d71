import { EscalationError } from '../errors';
import type { EscalationOption } from '../option';

const RUNTIMES = new Set(['browser', 'server', 'universal']);

/** Throws `CONFIGURATION` naming the first thing wrong with an option. */
export function validateOption(option: EscalationOption): void {
  const fail = (what: string): never => {
    const id = typeof option?.id === 'string' ? option.id : undefined;
    throw new EscalationError('CONFIGURATION', `Invalid escalation option${id ? ` "${id}"` : ''}: ${what}`, id ? { optionId: id } : {});
  };
  if (typeof option !== 'object' || option === null) fail('an option must be an object');
  if (typeof option.id !== 'string' || option.id.trim() === '') fail('id must be a non-empty string');
  if (typeof option.label !== 'string' || option.label.trim() === '') fail('label must be a non-empty string');
  if (option.order !== undefined && !Number.isFinite(option.order)) fail('order must be a finite number');
  if (option.when !== undefined && typeof option.when !== 'function') fail('when must be a gate function');
  const adapter = option.adapter;
  if (typeof adapter !== 'object' || adapter === null) fail('adapter is required');
  if (typeof adapter.kind !== 'string' || adapter.kind === '') fail('adapter.kind must be a non-empty string');
  if (!RUNTIMES.has(adapter.runtime)) fail(`adapter.runtime must be browser, server or universal`);
  if (typeof adapter.toPayload !== 'function' || typeof adapter.deliver !== 'function') fail('adapter must have toPayload and deliver');
  if (option.fallback !== undefined) {
    if (!Array.isArray(option.fallback) || option.fallback.some((id) => typeof id !== 'string')) fail('fallback must be an array of option ids');
    if (option.fallback.includes(option.id)) fail('an option cannot fall back to itself');
  }
}
