import type { EscalationContext } from '../context/types';
import { custom } from './custom';
import { list } from './list';
import type { OptionField } from './option-field';
import { valueOrFn, type ValueOrFn } from './value-or-fn';

/**
 * The one default tag scheme of every adapter that tags what it creates: `pillar-escalation`,
 * and `reason-<reason>` when the context has a reason. Compose with it to add your own:
 * `tags: (context) => [...defaultTags(context), 'vip']`.
 */
export function defaultTags(context: EscalationContext): string[] {
  return context.reason ? ['pillar-escalation', `reason-${context.reason}`] : ['pillar-escalation'];
}

/**
 * The `tags` option of every adapter: a list of strings, or a function of the context returning
 * one. Absent, the adapter uses {@link defaultTags}; it trims, normalises and drops empty tags itself.
 */
export function tags(): OptionField<ValueOrFn<readonly string[]>, false> {
  return valueOrFn<readonly string[], false>(list(custom({ expects: 'a string (a tag)', invalid: [42], check: (v) => (typeof v === 'string' ? v : undefined) })));
}
