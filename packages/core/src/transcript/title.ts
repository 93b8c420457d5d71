import type { EscalationContext } from '../context/types';
import { EscalationError } from '../errors';
import { applyRedactor, resolveRedactor, type Redactor } from './redact';
import { assertLength, singleLine, surrogateSafeCut, toWellFormed } from './text';

/** Options for {@link firstUserMessage}. */
export interface FirstUserMessageOptions {
  /**
   * Applied to the message before it is returned (subjects and prefilled messages leave the page).
   * `false` returns it as the user typed it.
   * @defaultValue `defaultRedactor`; none for a context returned by `redactContext` (already redacted)
   */
  redact?: Redactor | false;
}

function messagesOf(context: EscalationContext, fn: string) {
  if (!context || !Array.isArray(context.messages)) {
    throw new EscalationError('INVALID_CONTEXT', `${fn}: context.messages must be an array`);
  }
  return context.messages;
}

/**
 * The first thing the user asked, trimmed and redacted (by default), or `undefined` when the
 * user has not written anything yet. Blank messages are skipped.
 */
export function firstUserMessage(context: EscalationContext, options: FirstUserMessageOptions = {}): string | undefined {
  const redact = resolveRedactor(context, options.redact, 'firstUserMessage');
  for (const message of messagesOf(context, 'firstUserMessage')) {
    if (message?.role !== 'user' || typeof message.content !== 'string') continue;
    const text = message.content.trim();
    if (text === '') continue;
    return toWellFormed(redact ? applyRedactor(redact, text, 'the first user message') : text);
  }
  return undefined;
}

/** Options for {@link titleFromContext}. */
export interface TitleOptions {
  /**
   * Longest title, in UTF-16 units (subject fields are short: Zendesk shows ~100 characters).
   * @defaultValue 120
   */
  maxLength?: number;
  /**
   * Used when there is neither a user message nor a page title.
   * @defaultValue 'Conversation with the AI assistant'
   */
  fallback?: string;
  /**
   * Applied to the message and the page title.
   * @defaultValue `defaultRedactor`; none for a context returned by `redactContext` (already redacted)
   */
  redact?: Redactor | false;
}

/** Cuts a single line to `max`, at the last space when that keeps most of it, ending with '…'. */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  const room = max - 1;
  let cut = surrogateSafeCut(text, room);
  const space = text.lastIndexOf(' ', room);
  // A word boundary only when it keeps most of the room; a long URL or word is cut inside.
  if (space >= Math.ceil(room * 0.6)) cut = space;
  const kept = text.slice(0, cut).replace(/[\s,;:.!?\-–—]+$/, '');
  return `${kept === '' ? text.slice(0, surrogateSafeCut(text, room)) : kept}…`;
}

/**
 * A one-line subject for a ticket or a forum post: the first user message (whitespace
 * collapsed, cut at a word with '…'), else "Help needed on <page title>", else `fallback`.
 * Never longer than `maxLength` and never splits a surrogate pair.
 */
export function titleFromContext(context: EscalationContext, options: TitleOptions = {}): string {
  const max = assertLength(options.maxLength ?? 120, 'titleFromContext: maxLength');
  const fallback = options.fallback ?? 'Conversation with the AI assistant';
  if (typeof fallback !== 'string') throw new EscalationError('CONFIGURATION', 'titleFromContext: fallback must be a string');
  const redact = resolveRedactor(context, options.redact, 'titleFromContext');

  const message = firstUserMessage(context, { redact: redact ?? false });
  const line = message === undefined ? '' : singleLine(message);
  if (line !== '') return cutAtWord(line, max);

  const rawTitle = context.page?.title;
  if (typeof rawTitle === 'string') {
    const title = singleLine(toWellFormed(redact ? applyRedactor(redact, rawTitle, 'page.title') : rawTitle));
    if (title !== '') return cutAtWord(`Help needed on ${title}`, max);
  }
  return cutAtWord(singleLine(toWellFormed(fallback)), max);
}
