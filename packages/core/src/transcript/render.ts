import type { ChatMessage, EscalationContext } from '../context/types';
import { EscalationError } from '../errors';
import { buildBrief } from '../brief/handoff-brief';
import { formatInstant } from '../brief/dates';
import { resolveAgentLocale, type AgentLocale } from '../brief/labels';
import { briefLines, type HeaderLine } from '../brief/render-brief';
import { attachedBrief } from '../brief/settings';
import { FORMATS, type FormatSpec, type TranscriptFormat } from './formats';
import { applyRedactor, narrowRedactor, resolveRedactor, type Redactor } from './redact';
import { assertLength, singleLine, surrogateSafeCut, toWellFormed } from './text';

/** Options for {@link renderTranscript}. */
export interface RenderTranscriptOptions {
  /** `text` for plain fields, `markdown` for forum posts and notes, `html` for ticket bodies. */
  format: TranscriptFormat;
  /**
   * Longest output, in UTF-16 units (what `string.length` counts and most APIs limit).
   * When the conversation is longer, the transcript keeps the header, the first user message
   * and the latest messages, and says how many it left out.
   * @defaultValue no limit
   */
  maxLength?: number;
  /**
   * Applied to every message and header value before rendering; `false` renders as typed.
   * @defaultValue `defaultRedactor`; none for a context returned by `redactContext` (already redacted)
   */
  redact?: Redactor | false;
  /**
   * Start with the page, the reason and who the user is.
   * @defaultValue true
   */
  header?: boolean;
  /**
   * Head the transcript with the handoff brief (see `handoffBrief`): the request, what was tried,
   * where, why a human and who. It replaces the classic header (page, reason, user), which it
   * contains. With a limit, the conversation is cut first; the brief keeps at least its request.
   * `false` renders the classic header and the messages only.
   * @defaultValue true (for a context a registry handed over: its `brief.enabled`)
   */
  brief?: boolean;
  /**
   * The agent's language for labels ("User", "What was tried", ...) and dates, as a BCP 47 tag;
   * `en`, `de`, `fr`, `es`, `pt` and `ja` have labels (others get English labels). With it,
   * message times are written with `Intl` in that locale, with the user's local time beside them.
   * The user's and the assistant's own text is never translated.
   * @defaultValue the registry's `agentLocale` for a context it handed over, else English labels and UTC times
   */
  agentLocale?: string;
}

const ELLIPSIS = '…';
/** A value or message cut to fewer characters than this says nothing; drop it instead. */
const MIN_USEFUL = 12;

const ISO_UTC = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?Z$/;

/** "2024-05-01 10:00 UTC", or undefined when `createdAt` is not a date. */
function formatTime(createdAt: unknown): string | undefined {
  if (typeof createdAt !== 'string' || createdAt.length > 64) return undefined;
  // Most timestamps are already UTC ISO 8601; reading them directly is much cheaper than Date.
  if (ISO_UTC.test(createdAt)) return `${createdAt.slice(0, 10)} ${createdAt.slice(11, 16)} UTC`;
  const ms = Date.parse(createdAt);
  if (Number.isNaN(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  if (iso.length !== 24) return undefined; // years outside 0000-9999
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}


/**
 * Renders the conversation for a human agent: a header (page, reason, user), then every
 * message labelled by speaker. With `maxLength`, the output never exceeds it, never splits
 * a surrogate pair, and in `html` never cuts inside an entity or a tag.
 *
 * Work is linear in what is shown: with a limit, messages that cannot fit are never rendered.
 */
export function renderTranscript(context: EscalationContext, options: RenderTranscriptOptions): string {
  return rendererFor(context, options, 'renderTranscript')(options.maxLength);
}

/**
 * `renderTranscript` for one context at many lengths: returns `(maxLength) => transcript`, which
 * redacts and escapes each message once across all its calls. For fitting a transcript to a
 * budget that is not counted in UTF-16 units (an encoded URL, UTF-8 bytes), where the length is
 * searched for by rendering again and again. The context must not change while it is in use.
 *
 * @example
 * const render = transcriptRenderer(context, { format: 'markdown' });
 * const body = fitEncoded(render, 1_800); // the longest transcript whose URL encoding fits
 */
export function transcriptRenderer(context: EscalationContext, options: Omit<RenderTranscriptOptions, 'maxLength'>): (maxLength?: number) => string {
  return rendererFor(context, options, 'transcriptRenderer');
}

function rendererFor(context: EscalationContext, options: Omit<RenderTranscriptOptions, 'maxLength'>, caller: string): (maxLength?: number) => string {
  const format = options?.format;
  if (format !== 'text' && format !== 'markdown' && format !== 'html') {
    throw new EscalationError('CONFIGURATION', `${caller}: format must be 'text', 'markdown' or 'html', got ${JSON.stringify(format)}`);
  }
  if (!context || !Array.isArray(context.messages)) {
    throw new EscalationError('INVALID_CONTEXT', `${caller}: context.messages must be an array`);
  }
  const redact = resolveRedactor(context, options.redact, caller);
  const header = options.header !== false;
  const attached = attachedBrief(context);
  const head: Head = {
    locale: resolveAgentLocale(options.agentLocale ?? attached?.agentLocale, caller),
    brief: options.brief !== undefined ? options.brief !== false : attached?.enabled !== false,
    ...(attached?.summary === undefined ? {} : { summary: attached.summary }),
  };
  const parts = new RenderedParts(context.messages.length);
  return (maxLength = Infinity) =>
    new Transcript(context, FORMATS[format], redact, assertLength(maxLength, `${caller}: maxLength`), parts, head).render(header);
}

/** How the transcript starts: the labels' language, and the brief (with the app's summary) or the classic header. */
interface Head {
  locale: AgentLocale;
  brief: boolean;
  summary?: string;
}

/** Each message redacted and formatted, shared by every rendering of one context. */
class RenderedParts {
  // Filled from the end: sized up front so they stay fast arrays, not dictionaries.
  readonly contents: Array<string | undefined>;
  readonly blocks: Array<string | undefined>;
  /** The brief's lines (with and without the header's), built once. */
  readonly brief = new Map<boolean, { lines: HeaderLine[]; requestIndex: number }>();
  constructor(length: number) {
    this.contents = new Array<string | undefined>(length);
    this.blocks = new Array<string | undefined>(length);
  }
}

/** One rendering: caches what it renders, so nothing is escaped or redacted twice. */
class Transcript {
  private readonly messages: readonly ChatMessage[];
  private readonly sepLen: number;
  private readonly contents: Array<string | undefined>;
  private readonly blocks: Array<string | undefined>;
  private readonly parts: RenderedParts;

  // The plan when the conversation does not fit (see cut()).
  private header = '';
  private firstIndex = -1;
  /** The first user message's block (maybe cut inside), or null when it is not pinned. */
  private first: string | null = null;
  /** Whole messages [tailStart, n) are shown (except the pinned first, shown as `first`). */
  private tailStart: number;
  private tailLength = 0;
  private tailCount = 0;
  /** The latest message cut inside, when not even it fits whole. */
  private lastCut = '';
  private notices = true;
  /** The brief's request (its message), kept in the smallest renderings. */
  private requestIndex = -1;

  constructor(
    private readonly context: EscalationContext,
    private readonly fmt: FormatSpec,
    private redact: Redactor | undefined,
    private readonly max: number,
    parts: RenderedParts = new RenderedParts(context.messages.length),
    private readonly head: Head = { locale: resolveAgentLocale(undefined, 'renderTranscript'), brief: false },
  ) {
    this.messages = context.messages;
    this.sepLen = fmt.sep.length;
    this.tailStart = this.messages.length;
    this.contents = parts.contents;
    this.blocks = parts.blocks;
    this.parts = parts;
  }

  render(withHeader: boolean): string {
    const lines = this.head.brief ? this.briefLines(withHeader) : withHeader ? this.headerLines() : [];
    const headerFull = lines.map((l) => l.full).join(this.fmt.lineSep);
    const n = this.messages.length;

    if (n === 0) return this.renderEmpty(lines, headerFull);

    if (this.max === Infinity) {
      if (this.redact) {
        // Everything gets rendered: one look at the whole conversation tells which rules matter.
        const { page, user, reason } = this.context;
        const sample: string[] = [];
        for (const value of [page?.title, page?.url, page?.displayUrl, user?.name, user?.email, user?.plan, reason]) {
          if (typeof value === 'string') sample.push(value);
        }
        for (const message of this.messages) if (typeof message?.content === 'string') sample.push(message.content);
        this.redact = narrowRedactor(this.redact, sample.join('\n'));
      }
      const out = headerFull ? [headerFull] : [];
      for (let i = 0; i < n; i++) out.push(this.block(i));
      return out.join(this.fmt.sep);
    }

    // Walk back from the latest message: if everything fits, that is the answer; if not, the
    // blocks rendered so far are exactly the ones the cut will want.
    let used = headerFull.length;
    let count = headerFull ? 1 : 0;
    let fitsAll = used <= this.max;
    for (let i = n - 1; fitsAll && i >= 0; i--) {
      const room = this.max - used - (count > 0 ? this.sepLen : 0);
      if (!this.fitsWhole(i, room)) fitsAll = false;
      else {
        used += (this.blocks[i] as string).length + (count > 0 ? this.sepLen : 0);
        count++;
      }
    }
    if (fitsAll) {
      const out = headerFull ? [headerFull] : [];
      for (let i = 0; i < n; i++) out.push(this.blocks[i] as string);
      return out.join(this.fmt.sep);
    }
    return this.cut(lines, headerFull.length);
  }

  // ---- pieces ---------------------------------------------------------------------------

  private redacted(text: string, what: string | number): string {
    return toWellFormed(this.redact ? applyRedactor(this.redact, text, what) : text);
  }

  /** Header values are one line each; with a limit, only as much as could ever show. */
  private headerValue(raw: unknown, what: string): string {
    if (typeof raw !== 'string') return '';
    let text = this.redacted(raw, what);
    if (text.length > 2 * this.max + 2) text = text.slice(0, 2 * this.max + 2);
    return singleLine(text);
  }

  private briefLines(withHeader: boolean): HeaderLine[] {
    const cached = this.parts.brief.get(withHeader);
    if (cached) {
      this.requestIndex = cached.requestIndex;
      return cached.lines;
    }
    const brief = buildBrief(
      this.context,
      (i) => this.content(i),
      (raw, what) => this.briefValue(raw, what),
    );
    this.requestIndex = brief.request?.messageIndex ?? -1;
    const summary = this.briefValue(this.head.summary, 'the summary');
    const lines = briefLines(brief, this.fmt, this.head.locale, { header: withHeader, ...(summary === undefined ? {} : { summary }) });
    this.parts.brief.set(withHeader, { lines, requestIndex: this.requestIndex });
    return lines;
  }

  /** A value for the brief, whatever the limit (its lines are shared by every length): redacted, one line, at most 4,096 units. */
  private briefValue(raw: unknown, what: string): string | undefined {
    if (typeof raw !== 'string') return undefined;
    let text = this.redacted(raw, what);
    if (text.length > 4_096) text = text.slice(0, surrogateSafeCut(text, 4_096));
    return singleLine(text) || undefined;
  }

  private headerLines(): HeaderLine[] {
    const { page, user, reason } = this.context;
    const labels = this.head.locale.labels;
    const lines: HeaderLine[] = [];
    const add = (label: string, rank: number, value: string) => {
      if (value === '') return;
      const rendered = this.fmt.inline(value);
      const { prefix, suffix } = this.fmt.frame(label, 'header');
      lines.push({ rank, prefix, value: rendered, suffix, full: prefix + rendered + suffix });
    };
    add(labels.page, 2, this.headerValue(page?.title, 'page.title'));
    // A page address that is not http(s) is shown as text too (transcripts never link it).
    add(labels.url, 3, this.headerValue(page?.url ?? page?.displayUrl, 'page.url'));
    if (typeof reason === 'string') add(labels.reason, 1, (labels.reasons as Record<string, string>)[reason] ?? this.headerValue(reason, 'reason'));
    const name = this.headerValue(user?.name, 'user.name');
    const email = this.headerValue(user?.email, 'user.email');
    add(labels.customer, 0, name && email ? `${name} (${email})` : name || email);
    add(labels.plan, 4, this.headerValue(user?.plan, 'user.plan'));
    return lines;
  }

  private fitLine(line: HeaderLine, cap: number): string {
    if (line.full.length <= cap) return line.full;
    const room = cap - line.prefix.length - line.suffix.length - ELLIPSIS.length;
    if (room < 1) return '';
    const cut = this.fmt.safeCut(line.value, room);
    return cut > 0 ? line.prefix + line.value.slice(0, cut) + ELLIPSIS + line.suffix : '';
  }

  /**
   * The header in at most `cap` units. Lines share the room fairly (short lines stay whole);
   * when a line's share would leave too little of it to be useful, the least important line
   * is dropped (plan, then URL, page, reason; the customer goes last) and the room shared again.
   */
  private fitHeader(lines: HeaderLine[], cap: number): string {
    const sep = this.fmt.lineSep;
    const full = lines.map((l) => l.full).join(sep);
    if (full.length <= cap) return full;
    if (this.head.brief) return this.fitBrief(lines, cap);
    const useful = (l: HeaderLine) =>
      Math.min(l.full.length, l.prefix.length + l.suffix.length + Math.min(l.value.length, MIN_USEFUL) + ELLIPSIS.length);
    let active = lines.slice();
    let share = new Map<HeaderLine, number>();
    while (active.length > 0) {
      share = new Map();
      let remaining = cap - sep.length * (active.length - 1);
      let left = active.length;
      for (const l of active.slice().sort((a, b) => a.full.length - b.full.length)) {
        const give = Math.min(l.full.length, Math.floor(remaining / left));
        share.set(l, give);
        remaining -= give;
        left--;
      }
      if (active.every((l) => (share.get(l) as number) >= useful(l))) break;
      const leastImportant = active.reduce((a, b) => (b.rank > a.rank ? b : a));
      active = active.filter((l) => l !== leastImportant);
    }
    // A list's heading goes with its last item.
    active = active.filter((l) => !l.heading || active.some((o) => o.group === l.group && !o.heading));
    return active
      .map((l) => this.fitLine(l, share.get(l) as number))
      .filter((l) => l !== '')
      .join(sep);
  }

  /**
   * The brief in at most `cap` units: the request (rank 0) is kept, cut inside when it must be,
   * with at least three quarters of the room when it is that long; the other lines are kept whole in order
   * of importance while they fit, and the request gets what is left.
   */
  private fitBrief(lines: HeaderLine[], cap: number): string {
    const sep = this.fmt.lineSep.length;
    const request = lines.find((l) => l.rank === 0);
    const reserve = request ? Math.min(request.full.length, Math.max(request.prefix.length + request.suffix.length + MIN_USEFUL + ELLIPSIS.length, Math.floor(cap * 0.75))) : 0;
    const kept = new Set<HeaderLine>();
    let used = request ? reserve : 0;
    for (const line of lines.filter((l) => l !== request).sort((a, b) => a.rank - b.rank)) {
      const cost = line.full.length + (used > 0 || kept.size > 0 ? sep : 0);
      if (used + cost <= cap) {
        kept.add(line);
        used += cost;
      }
    }
    for (const line of lines) if (line.heading && !lines.some((o) => o.group === line.group && !o.heading && kept.has(o))) kept.delete(line);
    const others = [...kept].reduce((sum, l) => sum + l.full.length + sep, 0);
    const out: string[] = [];
    for (const line of lines) {
      if (line === request) {
        const fitted = this.fitLine(line, Math.min(line.full.length, cap - others));
        if (fitted !== '') out.push(fitted);
      } else if (kept.has(line)) out.push(line.full);
    }
    return out.join(this.fmt.lineSep);
  }

  private content(i: number): string {
    const cached = this.contents[i];
    if (cached !== undefined) return cached;
    const message = this.messages[i];
    if (typeof message?.content !== 'string') {
      throw new EscalationError('INVALID_CONTEXT', `renderTranscript: messages[${i}].content must be a string`);
    }
    const text = this.redacted(message.content, i);
    this.contents[i] = text;
    return text;
  }

  private frame(i: number): { prefix: string; suffix: string } {
    const message = this.messages[i] as ChatMessage;
    const labels = this.head.locale.labels;
    const speaker = message.role === 'user' ? labels.user : message.role === 'assistant' ? labels.assistant : message.role === 'system' ? labels.system : labels.other;
    const tag = this.head.locale.tag;
    const time = tag === undefined ? formatTime(message.createdAt) : formatInstant(message.createdAt, tag, this.context.user?.timeZone);
    return this.fmt.frame(time ? `${speaker} (${time})` : speaker, 'message');
  }

  private block(i: number): string {
    const cached = this.blocks[i];
    if (cached !== undefined) return cached;
    const text = this.content(i);
    const { prefix, suffix } = this.frame(i);
    const block = prefix + this.fmt.body(text) + suffix;
    this.blocks[i] = block;
    return block;
  }

  /** Renders message i only when it can fit in `room` (no format makes text shorter). */
  private fitsWhole(i: number, room: number): boolean {
    if (room <= 0) return false;
    if (this.blocks[i] === undefined && this.content(i).length > room) return false;
    return this.block(i).length <= room;
  }

  /** Message i in at most `cap` units, cut inside with an ellipsis if needed; '' if hopeless. */
  private fitBlock(i: number, cap: number): string {
    if (cap <= 0) return '';
    if (this.fitsWhole(i, cap)) return this.blocks[i] as string;
    const { prefix, suffix } = this.frame(i);
    const room = cap - prefix.length - suffix.length - ELLIPSIS.length;
    const text = this.content(i);
    if (room < Math.min(MIN_USEFUL, text.length)) return '';
    // Rendering never shortens text, so room + 1 characters are enough to fill the room.
    let body = this.fmt.body(text.length > room + 1 ? text.slice(0, room + 1) : text);
    if (body.length <= room) body = this.fmt.body(text);
    const cut = this.fmt.safeCut(body, room);
    return cut > 0 ? prefix + body.slice(0, cut) + ELLIPSIS + suffix : '';
  }

  // ---- cutting ----------------------------------------------------------------------------

  private noteLength(n: number): number {
    return this.leftOutNote(n).length;
  }

  private leftOutNote(n: number): string {
    return this.fmt.note(this.head.locale.labels.leftOut(n));
  }

  /** Where the shown tail starts, counting a cut latest message. */
  private shownFrom(): number {
    return this.lastCut ? this.messages.length - 1 : this.tailStart;
  }

  /** How many messages are left out before the pinned first message and after it. */
  private gaps(): { before: number; between: number } {
    const from = this.shownFrom();
    if (this.first !== null && this.firstIndex < from) {
      return { before: this.firstIndex, between: from - this.firstIndex - 1 };
    }
    return { before: from, between: 0 };
  }

  /** The exact length of what assemble() would return. */
  private total(): number {
    let length = 0;
    let count = 0;
    const add = (n: number) => {
      length += n;
      count++;
    };
    if (this.header) add(this.header.length);
    const { before, between } = this.gaps();
    if (this.notices && before > 0) add(this.noteLength(before));
    if (this.first !== null) add(this.first.length);
    if (this.notices && between > 0) add(this.noteLength(between));
    length += this.tailLength;
    count += this.tailCount;
    if (this.lastCut) add(this.lastCut.length);
    return length + this.sepLen * Math.max(0, count - 1);
  }

  private assemble(): string {
    const out: string[] = [];
    const n = this.messages.length;
    const from = this.shownFrom();
    const { before, between } = this.gaps();
    const firstApart = this.first !== null && this.firstIndex < from;
    if (this.header) out.push(this.header);
    if (this.notices && before > 0) out.push(this.leftOutNote(before));
    if (firstApart) out.push(this.first as string);
    if (this.notices && between > 0) out.push(this.leftOutNote(between));
    for (let i = this.tailStart; i < n; i++) {
      out.push(i === this.firstIndex && this.first !== null ? this.first : (this.blocks[i] as string));
    }
    if (this.lastCut) out.push(this.lastCut);
    return out.join(this.fmt.sep);
  }

  /** Adds whole messages, latest first, while the total stays within the limit. */
  private extendTail(): void {
    if (this.lastCut) return;
    while (this.tailStart > 0) {
      const i = this.tailStart - 1;
      if (i === this.firstIndex && this.first !== null) {
        this.tailStart = i;
        continue;
      }
      const room = this.max - this.total() - (this.total() > 0 ? this.sepLen : 0);
      // The gap shrinks by one, so its note may get shorter: check the exact total.
      if (!this.fitsWhole(i, room + this.noteLength(this.messages.length) + this.sepLen)) return;
      const block = this.blocks[i] as string;
      this.tailStart = i;
      this.tailLength += block.length;
      this.tailCount++;
      if (this.total() > this.max) {
        this.tailStart = i + 1;
        this.tailLength -= block.length;
        this.tailCount--;
        return;
      }
    }
  }

  /** Gives what is left of the limit to the first message, if it was cut or left out. */
  private growFirst(): void {
    const f = this.firstIndex;
    if (f < 0) return;
    if (this.first === null && f >= this.shownFrom()) return; // shown whole in the tail
    const current = this.first;
    const spare = this.max - this.total();
    if (spare <= 0) return;
    const cap = current === null ? spare - (this.total() > 0 ? this.sepLen : 0) : current.length + spare;
    const grown = this.fitBlock(f, cap);
    if (grown === '' || (current !== null && grown.length <= current.length)) return;
    this.first = grown;
    if (this.total() > this.max) this.first = current;
  }

  private growHeader(lines: HeaderLine[], headerFull: number): void {
    if (this.header.length >= headerFull) return;
    const current = this.header;
    const spare = this.max - this.total();
    if (spare <= 0) return;
    const grown = this.fitHeader(lines, current.length + spare - (current === '' && this.total() > 0 ? this.sepLen : 0));
    if (grown.length <= current.length) return;
    this.header = grown;
    if (this.total() > this.max) this.header = current;
  }

  /**
   * The conversation does not fit. Priorities: the header (at most half the limit), then the
   * first user message (at most half of the rest while other messages compete), then the
   * latest messages, whole, walking back; the latest one is cut inside when not even it fits.
   * What is left over then goes back to the first message and the header, in that order.
   */
  private cut(lines: HeaderLine[], headerFull: number): string {
    const n = this.messages.length;
    const sep = this.sepLen;
    // Under a brief, its request already quotes the ask: the room goes to the latest messages
    // first, and only what they leave goes to the request's own message.
    const briefAsk = this.head.brief && this.requestIndex >= 0;
    this.firstIndex = briefAsk ? this.requestIndex : this.messages.findIndex((m) => m?.role === 'user');
    const f = this.firstIndex;

    // The brief comes first: the conversation is cut before it is (but room is kept to say how many
    // messages were left out, when that costs little). The classic header takes at most half.
    let headerCap = Math.floor(this.max / 2);
    if (this.head.brief) {
      const note = this.noteLength(n) + sep;
      headerCap = headerFull + note <= this.max || note > this.max / 4 ? this.max : this.max - note;
    }
    this.header = this.fitHeader(lines, Math.min(headerFull, headerCap));
    // Notes about what was left out: reserve room when it is a small part of what remains.
    const noteCost = (this.noteLength(n) + sep) * (f > 0 ? 2 : 1);
    this.notices = noteCost <= (this.max - this.header.length) / 2;
    // Under a brief, saying that messages were left out matters more than a scrap of one.
    if (this.head.brief && this.header !== '') this.notices = this.header.length + sep + this.noteLength(n) <= this.max;

    if (f >= 0 && !briefAsk) {
      const spare =
        this.max - this.total() - (this.notices && f > 0 ? this.noteLength(n) + sep : 0) - (this.total() > 0 ? sep : 0);
      const pinned = this.fitBlock(f, n > 1 ? Math.floor(spare / 2) : spare);
      if (pinned !== '') {
        this.first = pinned;
        if (this.total() > this.max) this.first = null;
      }
    }

    this.extendTail();
    const latest = n - 1;
    if (this.tailCount === 0 && !(latest === f && this.first !== null)) {
      // Not even the latest message fits whole: show its beginning.
      const spare = this.max - this.total() - (this.total() > 0 ? sep : 0);
      const cut = this.fitBlock(latest, spare);
      if (cut !== '') {
        this.lastCut = cut;
        if (this.total() > this.max) this.lastCut = '';
      }
    }

    this.growFirst();
    this.extendTail();
    this.growHeader(lines, headerFull);
    this.extendTail();
    if (!this.notices) {
      this.notices = true;
      if (this.total() > this.max) this.notices = false;
    }

    const out = this.assemble();
    return out !== '' ? out : this.bare();
  }

  private renderEmpty(lines: HeaderLine[], headerFull: string): string {
    const note = this.fmt.note(this.head.locale.labels.noMessages);
    const both = headerFull ? `${headerFull}${this.fmt.sep}${note}` : note;
    if (both.length <= this.max) return both;
    const header = this.fitHeader(lines, this.max - note.length - this.sepLen);
    if (header !== '') return `${header}${this.fmt.sep}${note}`;
    return this.fitHeader(lines, this.max) || (note.length <= this.max ? note : this.bare());
  }

  /** Last resort for tiny limits: the most useful text, escaped, cut, without any markup. */
  private bare(): string {
    if (this.max < 1) return '';
    let text = '';
    const f = this.requestIndex >= 0 ? this.requestIndex : this.firstIndex;
    if (f >= 0) text = this.content(f);
    else if (this.messages.length > 0) text = this.content(this.messages.length - 1);
    else text = this.headerValue(this.context.page?.title, 'page.title') || this.head.locale.labels.noMessages;
    text = singleLine(text.length > 2 * this.max + 2 ? text.slice(0, 2 * this.max + 2) : text);
    const rendered = this.fmt.inline(text);
    if (rendered === '') return ELLIPSIS;
    if (rendered.length <= this.max) return rendered;
    const cut = this.fmt.safeCut(rendered, this.max - ELLIPSIS.length);
    const kept = cut > 0 ? rendered.slice(0, cut).trimEnd() : '';
    return kept !== '' ? kept + ELLIPSIS : this.max >= ELLIPSIS.length ? ELLIPSIS : '';
  }
}

