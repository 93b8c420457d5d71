import type { FormatSpec } from '../transcript/formats';
import { formatInstant, formatLocal } from './dates';
import type { AgentLocale } from './labels';
import type { HandoffBrief } from './types';

/** One line of a transcript's head (the brief, or the classic header). @internal */
export interface HeaderLine {
  /** Lower is more important: kept longest when the head must shrink. */
  rank: number;
  prefix: string;
  value: string;
  suffix: string;
  full: string;
  /** Lines of one list share a group; the list's heading is shown only with at least one of its items. */
  group?: string;
  heading?: boolean;
}

/** What goes into the brief's lines besides the brief. @internal */
export interface BriefRenderOptions {
  /** Include the lines the classic header had (page, URL, customer, plan, role, local time). */
  header: boolean;
  /** The app's summary (redacted, one line), shown first instead of the tried and why lines. */
  summary?: string;
}

const SEP = ' · ';

/**
 * The brief as lines of the transcript's head, in the order request, tried, where, why, who.
 * Values are escaped for the format. Ranks say what goes first when room runs out: the request
 * goes last, then what was tried (its oldest steps first), then why a human, who and where.
 * @internal
 */
export function briefLines(brief: HandoffBrief, fmt: FormatSpec, locale: AgentLocale, options: BriefRenderOptions): HeaderLine[] {
  const { labels } = locale;
  const lines: HeaderLine[] = [];
  const add = (label: string, rank: number, value: string) => {
    if (value === '') return;
    const rendered = fmt.inline(value);
    const { prefix, suffix } = fmt.frame(label, 'header');
    lines.push({ rank, prefix, value: rendered, suffix, full: prefix + rendered + suffix });
  };
  const dateLocale = locale.tag ?? 'en';

  if (options.summary !== undefined) add(labels.summary, 0.5, options.summary);
  if (brief.request) add(labels.request, 0, brief.request.text);

  if (options.summary === undefined && brief.tried.length > 0) {
    const items = brief.tried.map((step, k) => {
      const note = ` (${step.outcome === 'failed' ? labels.stepFailed : labels.stepDone})`;
      const value = fmt.inline(step.text) + fmt.inline(note);
      // The oldest step goes first when room runs out.
      return { rank: 1 + (brief.tried.length - k) * 0.01, prefix: fmt.item.prefix, value, suffix: fmt.item.suffix, full: fmt.item.prefix + value + fmt.item.suffix, group: 'tried' };
    });
    const heading = fmt.heading(labels.tried);
    lines.push({ rank: 0.99, prefix: heading, value: '', suffix: '', full: heading, group: 'tried', heading: true }, ...items);
  }

  const { where } = brief;
  if (options.header) {
    add(labels.page, 4, where.pageTitle ?? '');
    add(labels.url, 6, where.pageUrl ?? '');
  }
  const product = [where.productPage, where.feature, where.error === undefined ? undefined : `${labels.error}: ${where.error}`].filter((v): v is string => v !== undefined);
  add(labels.product, 5, product.join(SEP));
  if (where.actions.length > 0) {
    const actions = where.actions.map((action) => {
      const outcome = action.outcome === 'failed' ? labels.actionFailed : labels.actionSucceeded;
      const at = action.at === undefined ? undefined : formatInstant(action.at, dateLocale, undefined, false);
      return `${action.name} (${at === undefined ? outcome : `${outcome}, ${at}`})`;
    });
    add(labels.actions, 4.5, actions.join(SEP));
  }

  if (options.summary === undefined) {
    const why: string[] = [];
    if (brief.why.reason !== undefined) why.push(labels.reasons[brief.why.reason] ?? brief.why.reason);
    for (const signal of brief.why.signals) {
      if (signal.kind === 'asked_for_human') why.push(labels.askedHuman(signal.count));
      else if (signal.kind === 'still_failing') why.push(labels.stillFailing(signal.count));
      else why.push(`${labels.assistantCannot}: “${signal.quote.text}”`);
    }
    add(labels.why, 2, why.join(SEP));
  } else if (brief.why.reason !== undefined) {
    add(labels.reason, 2, labels.reasons[brief.why.reason] ?? brief.why.reason);
  }

  if (options.header) {
    const { who } = brief;
    add(labels.customer, 2.5, who.name && who.email ? `${who.name} (${who.email})` : (who.name ?? who.email ?? ''));
    add(labels.plan, 7, who.plan ?? '');
    add(labels.role, 7.5, who.role ?? '');
    const local = who.lastMessageAt === undefined ? undefined : formatLocal(who.lastMessageAt, dateLocale, who.timeZone);
    const time = [local, who.locale === undefined ? undefined : `${labels.locale}: ${who.locale}`].filter((v): v is string => v !== undefined);
    add(labels.localTime, 8, time.join(SEP));
  }
  return lines;
}
