import type { EscalationContext } from '../context/types';
import { EscalationError } from '../errors';
import { applyRedactor, copyRedactedMark, type Redactor } from '../transcript/redact';
import { singleLine, toWellFormed } from '../transcript/text';
import { cut } from './handoff-brief';
import { resolveAgentLocale } from './labels';
import type { HandoffBrief } from './types';

/**
 * The app's own summary of a conversation (for example from its LLM), given the context (already
 * redacted) and the deterministic brief. Its text replaces the brief's request, tried and why
 * lines in the payload (redacted, escaped and cut to 1,500 characters); the request quote stays.
 */
export type SummarizeBrief = (context: EscalationContext, brief: HandoffBrief) => Promise<string>;

/** How the registry writes the brief that heads every transcript. */
export interface BriefSettings {
  /**
   * Head every transcript the registry's adapters render with the brief; `false` leaves it out
   * (the classic header and the messages only). `renderTranscript`'s own `brief` option wins.
   * @defaultValue true
   */
  enabled?: boolean;
  /**
   * The language of the transcript's and the brief's labels and dates, as a BCP 47 tag
   * (`en`, `de`, `fr`, `es`, `pt` and `ja` have labels; other languages get English labels and
   * their own date format). The user's and the assistant's own text is never translated.
   * @defaultValue English labels, UTC times
   */
  agentLocale?: string;
  /** The app's summarizer (an LLM); on timeout or failure, the deterministic brief is used. @defaultValue none */
  summarize?: SummarizeBrief;
  /** How long `summarize` may take, in milliseconds. @defaultValue 1500 */
  summarizeTimeoutMs?: number;
}

/** The summary's longest text, in UTF-16 units. */
export const MAX_SUMMARY_LENGTH = 1_500;
/** `summarizeTimeoutMs` when none is given. */
export const DEFAULT_SUMMARIZE_TIMEOUT_MS = 1_500;

/** What a transcript rendered for an adapter takes from the registry, attached to the context it hands over. @internal */
export interface AttachedBrief {
  enabled?: boolean;
  agentLocale?: string;
  /** The app's summary, already redacted and cut. */
  summary?: string;
}

/**
 * The tsyringe token of a registry's {@link BriefSettings}: `createRegistry({ brief })` registers
 * it; an app that builds the registry from its own container may register it there.
 */
export const BRIEF_SETTINGS = Symbol.for('pillar.escalation.brief-settings');

const ATTACHED = new WeakMap<EscalationContext, AttachedBrief>();

/** The registry's brief settings for a context handed to adapters, if any. @internal */
export function attachedBrief(context: EscalationContext): AttachedBrief | undefined {
  return ATTACHED.get(context);
}

/**
 * The context an adapter gets, carrying the agent's locale and the summary for
 * `renderTranscript`: the context itself when nothing is attached or the same is, else a
 * shallow copy (redacted as the original was).
 * @internal
 */
export function withAttachedBrief(context: EscalationContext, attached: AttachedBrief): EscalationContext {
  const empty = attached.agentLocale === undefined && attached.summary === undefined && attached.enabled === undefined;
  const current = ATTACHED.get(context);
  if (current === undefined) {
    if (!empty) ATTACHED.set(context, attached);
    return context;
  }
  if (current.agentLocale === attached.agentLocale && current.summary === attached.summary && current.enabled === attached.enabled) return context;
  // Another option of the same escalation wants other settings: a copy of its own.
  const copy = copyRedactedMark(context, { ...context });
  if (!empty) ATTACHED.set(copy, attached);
  return copy;
}

/** Checks the settings once, at registry creation: `CONFIGURATION` when malformed. @internal */
export function checkBriefSettings(settings: BriefSettings): BriefSettings {
  if (typeof settings !== 'object' || settings === null) throw new EscalationError('CONFIGURATION', 'createRegistry: brief must be an object');
  resolveAgentLocale(settings.agentLocale, 'createRegistry');
  if (settings.enabled !== undefined && typeof settings.enabled !== 'boolean') throw new EscalationError('CONFIGURATION', 'createRegistry: brief.enabled must be a boolean');
  if (settings.summarize !== undefined && typeof settings.summarize !== 'function') {
    throw new EscalationError('CONFIGURATION', 'createRegistry: summarize must be a function (context, brief) => Promise<string>');
  }
  const timeout = settings.summarizeTimeoutMs;
  if (timeout !== undefined && (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 0)) {
    throw new EscalationError('CONFIGURATION', `createRegistry: summarizeTimeoutMs must be a non-negative number, got ${String(timeout)}`);
  }
  return settings;
}

/** Which brief heads the payload: the app's summary, or the deterministic one (and why). */
export interface BriefOutcome {
  /** `summary`: the app's `summarize` answered in time; `deterministic`: it was not configured, timed out or failed. */
  source: 'summary' | 'deterministic';
  /** The summary as it is rendered (redacted, one line, cut), when `source` is `summary`. */
  summary?: string;
  /** Why the summary was not used: `timeout`, `error` or `empty`; absent when it was used or not configured. */
  fallback?: 'timeout' | 'error' | 'empty';
}

/**
 * Runs the app's summarizer with a timeout. Never rejects and never waits past the timeout (or
 * the abort): on timeout, failure, or an answer that is not a non-empty string, the deterministic
 * brief is used. The answer is redacted with `redactor`, made one line and cut.
 * @internal
 */
export async function runSummarize(
  summarize: SummarizeBrief,
  context: EscalationContext,
  brief: HandoffBrief,
  timeoutMs: number,
  redactor: Redactor,
  signal?: AbortSignal,
): Promise<BriefOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const TIMEOUT = Symbol('timeout');
  try {
    const stop = new Promise<typeof TIMEOUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMEOUT), timeoutMs);
      if (signal) {
        onAbort = () => resolve(TIMEOUT);
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      }
    });
    const answer = await Promise.race([Promise.resolve().then(() => summarize(context, brief)), stop]);
    if (answer === TIMEOUT) return { source: 'deterministic', fallback: 'timeout' };
    if (typeof answer !== 'string') return { source: 'deterministic', fallback: 'empty' };
    const summary = cut(singleLine(toWellFormed(applyRedactor(redactor, answer, 'the summary'))), MAX_SUMMARY_LENGTH);
    return summary === '' ? { source: 'deterministic', fallback: 'empty' } : { source: 'summary', summary };
  } catch {
    return { source: 'deterministic', fallback: 'error' };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    if (signal && onAbort) signal.removeEventListener('abort', onAbort);
  }
}
