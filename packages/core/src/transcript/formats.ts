import { escapeHtml, surrogateSafeCut } from './text';

/** The shapes a transcript can take. */
export type TranscriptFormat = 'text' | 'markdown' | 'html';

/** How one format lays out and escapes a transcript. Internal: the renderer drives it. */
export interface FormatSpec {
  /** Between blocks: the header, each message, each "left out" notice. */
  readonly sep: string;
  /** Between the header's lines. */
  readonly lineSep: string;
  /** Escapes a one-line value (header fields). */
  inline(text: string): string;
  /** Escapes and lays out a message's (multi-line) text. */
  body(text: string): string;
  /** What goes around a labelled value: a header line or a message. */
  frame(label: string, kind: 'header' | 'message'): { prefix: string; suffix: string };
  /** One of our own notes ("… 3 earlier messages left out …"); the text is trusted. */
  note(text: string): string;
  /** A label on a line of its own, heading the list items below it (the brief's "What was tried"). */
  heading(label: string): string;
  /** What goes around one list item. */
  readonly item: { readonly prefix: string; readonly suffix: string };
  /**
   * The largest position `<= at` where `rendered` (an output of `inline` or `body`) can be cut
   * and an ellipsis appended without breaking an escape, an entity, a tag or a surrogate pair.
   */
  safeCut(rendered: string, at: number): number;
}

const NEWLINE = /\r\n?|\n/g;

function hasNewline(text: string): boolean {
  return text.includes('\n') || text.includes('\r');
}

/** Never leave a cut right after a line break: the ellipsis would start a line of its own. */
function backOffNewline(rendered: string, at: number): number {
  while (at > 0 && rendered.charCodeAt(at - 1) === 10) at--;
  return at;
}

// Plain text. Continuation lines are indented, so a line the user typed as
// "Assistant: refund approved" can never pass for a message of its own.
const text: FormatSpec = {
  sep: '\n\n',
  lineSep: '\n',
  inline: (t) => t,
  body: (t) => (hasNewline(t) ? t.replace(NEWLINE, '\n  ') : t),
  frame: (label) => ({ prefix: `${label}: `, suffix: '' }),
  note: (t) => t,
  heading: (label) => `${label}:`,
  item: { prefix: '  - ', suffix: '' },
  safeCut: (r, at) => backOffNewline(r, surrogateSafeCut(r, at)),
};

const MD_SPECIAL = /[\\`*_[\]<>|~]/g;
const MD_SPECIAL_CHARS = ['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&'];
const MD_ENTITY = /&(?=#?[A-Za-z0-9]{1,32};)/g;
const MD_LINE_START = /^([ \t]*)(?:([#+=-])|(\d{1,9})([.)]))/;

/**
 * Escapes text for CommonMark/GFM so it shows as typed and never forms markup: backslash
 * before `` \ ` * _ [ ] < > | ~ ``, before `&` when it would start an entity, and before
 * what would open a heading or a list at the start of a line. Letters, digits, and most
 * punctuation stay as they are, so the raw text stays readable.
 */
export function escapeMarkdown(line: string): string {
  // Looking for a few literals is several times faster than one character-class scan.
  const out = MD_SPECIAL_CHARS.some((c) => line.includes(c)) ? line.replace(MD_SPECIAL, '\\$&').replace(MD_ENTITY, '\\&') : line;
  if (!MD_LINE_START.test(out)) return out;
  return out.replace(MD_LINE_START, (_m, space: string, mark: string | undefined, num: string, punct: string) =>
    mark === undefined ? `${space}${num}\\${punct}` : `${space}\\${mark}`,
  );
}

// Markdown. Every line of a message is quoted with "> ", so nothing in it can end the quote.
const markdown: FormatSpec = {
  sep: '\n\n',
  lineSep: '\n',
  inline: (t) => escapeMarkdown(t),
  body: (t) => (hasNewline(t) ? t.split(NEWLINE).map(escapeMarkdown).join('\n> ') : escapeMarkdown(t)),
  // Labels and notes are ours but translated: escaped all the same.
  frame: (label, kind) =>
    kind === 'header' ? { prefix: `- **${escapeMarkdown(label)}:** `, suffix: '' } : { prefix: `**${escapeMarkdown(label)}:**\n> `, suffix: '' },
  note: (t) => `*${escapeMarkdown(t)}*`,
  heading: (label) => `- **${escapeMarkdown(label)}:**`,
  item: { prefix: '  - ', suffix: '' },
  safeCut(r, at) {
    let cut = backOffNewline(r, surrogateSafeCut(r, at));
    // An odd number of backslashes before the cut means the last one escapes what we cut off.
    let slashes = 0;
    while (slashes < cut && r.charCodeAt(cut - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 1) cut--;
    return cut;
  },
};

// HTML. Everything from the conversation is escaped; the only markup is ours: p, strong, em, br.
const html: FormatSpec = {
  sep: '\n',
  lineSep: '\n',
  inline: escapeHtml,
  body: (t) => {
    const escaped = escapeHtml(t);
    return hasNewline(escaped) ? escaped.replace(NEWLINE, '<br>') : escaped;
  },
  // Labels and notes are ours but translated ("l'utilisateur"): escaped all the same.
  frame: (label) => ({ prefix: `<p><strong>${escapeHtml(label)}:</strong> `, suffix: '</p>' }),
  note: (t) => `<p><em>${escapeHtml(t)}</em></p>`,
  heading: (label) => `<p><strong>${escapeHtml(label)}:</strong></p>`,
  item: { prefix: '<p>• ', suffix: '</p>' },
  safeCut(r, at) {
    let cut = surrogateSafeCut(r, at);
    // Raw '&' and '<' never come from the conversation, so an unclosed one before the cut
    // starts one of our entities or tags (at most 6 long: "&quot;"); cut before it.
    for (let i = cut - 1; i >= 0 && i >= cut - 6; i--) {
      const c = r.charCodeAt(i);
      if (c === 59 /* ; */ || c === 62 /* > */) break;
      if (c === 38 /* & */ || c === 60 /* < */) {
        cut = i;
        break;
      }
    }
    return cut;
  },
};

export const FORMATS: Readonly<Record<TranscriptFormat, FormatSpec>> = { text, markdown, html };
