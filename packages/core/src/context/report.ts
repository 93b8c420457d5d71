import type { EscalationContext } from './types';

/**
 * One optional value of a context that could not be used as given. The conversation itself
 * (messages, roles, content) is never adjusted: it is valid or the context is refused.
 */
export interface DroppedValue {
  /** Where it was, e.g. `page.url`, `user.email`, `user.name`. */
  path: string;
  /**
   * Why: `format` (not what the field needs: a page URL that is not http(s), an email address a
   * provider would refuse, an unknown locale, time zone or reason), `length` (over the field's
   * fixed bound), `control_characters` (CR, LF or other control characters), `credentials` (a
   * page URL with a user name or password in it).
   */
  reason: 'format' | 'length' | 'control_characters' | 'credentials';
  /**
   * What became of it: `removed`; `kept_as_text` (a page URL that is not http(s) moves to
   * `page.displayUrl`: shown, never linked); `cleaned` (control characters became spaces).
   */
  action: 'removed' | 'kept_as_text' | 'cleaned';
}

const reports = new WeakMap<object, readonly DroppedValue[]>();

/** Records what was dropped from this context object (parseContext calls it). */
export function recordDropped(context: EscalationContext, dropped: readonly DroppedValue[]): void {
  if (dropped.length > 0) reports.set(context, dropped);
}

/**
 * What `parseContext` or `fromPillarChat` dropped, kept as text or cleaned when it built this
 * very context object (empty for any other object, a copy included). `registry.escalate`
 * reports it on the result and in `escalation:start`.
 */
export function droppedFrom(context: EscalationContext): readonly DroppedValue[] {
  return reports.get(context) ?? [];
}
