import type { EscalationContext } from '../context/types';
import { EscalationError } from '../errors';
import { applyRedactor, resolveRedactor } from '../transcript/redact';
import { singleLine, surrogateSafeCut, toWellFormed } from '../transcript/text';
import {
  ACTED,
  ASKS,
  OFFER,
  FILLER,
  GREETING,
  DECLINED,
  PATH,
  CANNOT,
  DONE,
  SOLVED,
  FAILED,
  FEEDBACK,
  HANDOFF,
  INVITE,
  isOnlyQuestion,
  mayCannot,
  PERSON,
  POSTPONED,
  readCues,
  RETURNS,
  SUGGESTS,
  TOPIC,
  type Cues,
} from './lexicon';
import type { BriefQuote, BriefSignal, BriefStep, HandoffBrief, HandoffBriefOptions } from './types';

/**
 * The window read, so that the work is bounded whatever the conversation's length: the first
 * HEAD messages (where the ask is looked for) and the latest RECENT (steps, signals, topic
 * changes); a conversation of up to HEAD + RECENT messages is read whole.
 */
const HEAD = 12;
const RECENT = 48;
/** Only the start of each message is read. */
const READ_LENGTH = 2_000;
const REQUEST_MAX = 500;
const STEP_MAX = 200;
const SIGNAL_QUOTE_MAX = 160;
const MAX_STEPS = 8;
const MAX_ACTIONS = 8;
/** A message says something when this much is left once greetings and pleasantries are removed. */
const MIN_WORDS = 3;
const MIN_CJK = 5;
/** An assistant reply this short (UTF-16 units) may answer small talk ("What a lovely gift!"); a longer one engages with a problem. */
const PLEASANTRY_LENGTH = 80;
/** A reply this short (words, CJK characters) can take an offer ("Ja bitte machen Sie das."). */
const ACCEPT_WORDS = 8;
const ACCEPT_CJK = 16;
/** An action the assistant says it did is looked for in the first this many UTF-16 units of its message. */
const ACTED_LENGTH = 200;
/** A report is looked for this many messages after its step at most. */
const REPORT_DISTANCE = 6;

/**
 * The handoff brief: what the agent reads first, built from the conversation alone.
 * - `request`: the user's ask in their own words (the first substantive user message, or the
 *   later one where the topic changed; a greeting, "can you help me" or "I want a human" is not the ask);
 * - `tried`: each step the assistant suggested that the user then reported as done or not working;
 * - `where`: the page, and what the co-pilot did in the product (`context.copilot`);
 * - `why`: the reason, and the signals behind it (asked for a person, "still not working", the
 *   assistant saying it cannot do it);
 * - `who`: name, plan, role, locale, time zone, and when the user last wrote.
 *
 * Deterministic (no clock, no model, no network) and bounded whatever the conversation's length:
 * the ask is looked for among the first 12 messages, and steps, signals and topic changes among
 * the latest 48 (a conversation of up to 60 messages is read whole); 2,000 characters of each
 * message are read, once, in one pass. Cues are read on the messages as written; only the
 * messages quoted are redacted. Every quote is the conversation's own text,
 * redacted (by default with `defaultRedactor`), cut with '…' when long, never translated.
 * Cues are read in English, German, French, Spanish, Portuguese and Japanese.
 *
 * @throws `EscalationError` `INVALID_CONTEXT` when `context.messages` is not an array of messages.
 */
export function handoffBrief(context: EscalationContext, options: HandoffBriefOptions = {}): HandoffBrief {
  if (!context || !Array.isArray(context.messages)) {
    throw new EscalationError('INVALID_CONTEXT', 'handoffBrief: context.messages must be an array');
  }
  const redact = resolveRedactor(context, options.redact, 'handoffBrief');
  const cache: Array<string | undefined> = [];
  const text = (i: number): string => {
    let out = cache[i];
    if (out === undefined) {
      const content = context.messages[i]?.content;
      if (typeof content !== 'string') throw new EscalationError('INVALID_CONTEXT', `handoffBrief: messages[${i}].content must be a string`);
      out = toWellFormed(redact ? applyRedactor(redact, content, i) : content);
      cache[i] = out;
    }
    return out;
  };
  const value = (raw: unknown, what: string): string | undefined => {
    if (typeof raw !== 'string') return undefined;
    const out = singleLine(toWellFormed(redact ? applyRedactor(redact, raw, what) : raw));
    return out === '' ? undefined : out;
  };
  return buildBrief(context, text, value);
}

/**
 * The brief from already redacted pieces: `text(i)` is message i's content, `value` a header
 * value (both redacted as the caller chose). The transcript renderer shares its cache this way.
 * @internal
 */
export function buildBrief(
  context: EscalationContext,
  text: (index: number) => string,
  value: (raw: unknown, what: string) => string | undefined,
): HandoffBrief {
  const messages = context.messages;
  const n = messages.length;
  const read = new Reader(context, text);

  // The messages read: all of them up to HEAD + RECENT, else the first HEAD and the latest RECENT, in order.
  const indexes: number[] = [];
  const whole = n <= HEAD + RECENT;
  const head = whole ? n : HEAD;
  for (let i = 0; i < head; i++) indexes.push(i);
  for (let i = whole ? n : n - RECENT; i < n; i++) indexes.push(i);

  const requests = findRequests(indexes, read, whole ? -1 : HEAD);
  const requestIndex = requests.length > 0 ? requests[requests.length - 1]! : fallbackRequest(indexes, read);
  const recent = whole ? indexes : indexes.slice(HEAD);
  // What was tried for this request: the steps suggested after it (earlier ones were about another topic).
  const stepsFrom = requestIndex ?? -1;
  const brief: HandoffBrief = { tried: findTried(recent.filter((i) => i > stepsFrom), read, new Set(requests)), where: { actions: [] }, why: { signals: findSignals(recent, read) }, who: {} };
  if (requestIndex !== undefined) brief.request = { text: quoteLine(text(requestIndex), REQUEST_MAX), messageIndex: requestIndex };

  const { page, user, reason, copilot } = context;
  const set = <T extends object, K extends keyof T>(target: T, key: K, v: T[K] | undefined) => {
    if (v !== undefined) target[key] = v;
  };
  set(brief.where, 'pageTitle', value(page?.title, 'page.title'));
  set(brief.where, 'pageUrl', value(page?.url ?? page?.displayUrl, 'page.url'));
  set(brief.where, 'productPage', value(copilot?.page, 'copilot.page'));
  set(brief.where, 'feature', value(copilot?.feature, 'copilot.feature'));
  set(brief.where, 'error', value(copilot?.error, 'copilot.error'));
  const actions = Array.isArray(copilot?.actions) ? copilot.actions.slice(-MAX_ACTIONS) : [];
  for (const action of actions) {
    const name = value(action?.name, 'copilot.actions.name');
    if (name === undefined || (action.outcome !== 'succeeded' && action.outcome !== 'failed')) continue;
    brief.where.actions.push({ name: cut(name, 128), outcome: action.outcome, ...(typeof action.at === 'string' ? { at: action.at } : {}) });
  }
  if (typeof reason === 'string') brief.why.reason = reason;
  set(brief.who, 'name', value(user?.name, 'user.name'));
  set(brief.who, 'email', value(user?.email, 'user.email'));
  set(brief.who, 'plan', value(user?.plan, 'user.plan'));
  set(brief.who, 'role', value(user?.role, 'user.role'));
  if (typeof user?.locale === 'string') brief.who.locale = user.locale;
  if (typeof user?.timeZone === 'string') brief.who.timeZone = user.timeZone;
  for (let i = n - 1; i >= 0; i--) {
    const at = messages[i]?.createdAt;
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at))) {
      brief.who.lastMessageAt = at;
      break;
    }
  }
  return brief;
}

/** Cues read on a user's message, and on an assistant's. */
const USER_CUES = ~(SUGGESTS | FEEDBACK | HANDOFF | CANNOT | INVITE | ACTED | PATH | OFFER | ASKS);
/** An invitation ("How can I help?") closes an assistant message: only its end is read for one, and only when it is a question (or "je vous écoute", "si necesitas algo"). */
const INVITE_TAIL = 120;
/** An invitation that is not a question, near the end ("Go ahead.", "Dites-moi ce qui se passe.", "Dígame."): the last 60 characters are searched. */
const MAY_INVITE = /[ée]coute|necesitas algo|dites-moi|racontez|go ahead|listening|tell me|d[ií]game|cu[ée]nt[ae]me|dime|precisa|diga|conte|erz[äa]hl|schildern/iu;
const INVITE_WORDS_TAIL = 60;

/** Whether a text ends as a question: `?`, `？`, `か` or `か。`, then only spaces. */
function endsAsQuestion(text: string): boolean {
  let end = text.length - 1;
  while (end >= 0 && isSpace(text.charCodeAt(end))) end--;
  const c = text.charCodeAt(end);
  return c === 63 || c === 0xff1f || c === 0x304b || (c === 0x3002 && text.charCodeAt(end - 1) === 0x304b);
}
const ASSISTANT_CUES = SUGGESTS | FEEDBACK | HANDOFF | CANNOT | ACTED | PATH | OFFER;

/** The cues of each message read, each read once (the first 2,000 characters). */
class Reader {
  // By message index (only the window's messages are ever set).
  private readonly read: Array<Cues | undefined>;
  private readonly invite: Array<boolean | undefined>;
  private readonly inviteCue: Array<boolean | undefined>;
  private readonly ask: Array<boolean | undefined>;
  private readonly acted: Array<boolean | undefined>;
  constructor(
    private readonly context: EscalationContext,
    readonly text: (index: number) => string,
  ) {
    const n = context.messages.length;
    this.skip = Math.max(0, n - HEAD - RECENT);
    this.read = new Array<Cues | undefined>(n - this.skip);
    this.invite = new Array<boolean | undefined>(n - this.skip);
    this.inviteCue = new Array<boolean | undefined>(n - this.skip);
    this.ask = new Array<boolean | undefined>(n - this.skip);
    this.acted = new Array<boolean | undefined>(n - this.skip);
  }

  /** Whether message i says, by the verb's form, that the assistant did something (`ACTED_FORMS`): read once, only when asked. */
  actedForm(i: number): boolean {
    const k = this.slot(i);
    let out = this.acted[k];
    if (out === undefined) {
      // An action is said first ("He vaciado la caché.", "Done: I've added …"): the first sentences are searched.
      const head = this.head(i);
      const text = head.length > ACTED_LENGTH ? head.slice(0, surrogateSafeCut(head, ACTED_LENGTH)) : head;
      out = ACTED_FORMS.some(([quick, form]) => quick.test(text) && form.test(text));
      this.acted[k] = out;
    }
    return out;
  }

  /** Where message i is cached: the window's messages only (the first HEAD, the latest RECENT), so the cache is bounded too. */
  private readonly skip: number;
  private slot(i: number): number {
    return i < HEAD ? i : i - this.skip;
  }

  /** Whether message i is among those read (the first HEAD and the latest RECENT). */
  inWindow(i: number): boolean {
    return i >= 0 && i < this.context.messages.length && (i < HEAD || i >= HEAD + this.skip);
  }

  role(i: number): string | undefined {
    return this.context.messages[i]?.role;
  }

  /** The start of message i that is read for cues (the first 2,000 characters, as written: nothing of it is quoted). */
  head(i: number): string {
    const raw = this.context.messages[i]?.content;
    if (typeof raw !== 'string') throw new EscalationError('INVALID_CONTEXT', `handoffBrief: messages[${i}].content must be a string`);
    return raw.length > READ_LENGTH ? raw.slice(0, surrogateSafeCut(raw, READ_LENGTH)) : raw;
  }

  /** The start of message i as it may be quoted (redacted); the same as `head(i)` when redaction changed nothing. */
  quoted(i: number): string {
    const text = this.text(i);
    return text.length > READ_LENGTH ? text.slice(0, surrogateSafeCut(text, READ_LENGTH)) : text;
  }

  cues(i: number): Cues {
    const k = this.slot(i);
    let out = this.read[k];
    if (out === undefined) {
      out = readCues(this.head(i), this.role(i) === 'assistant' ? ASSISTANT_CUES : USER_CUES);
      this.read[k] = out;
    }
    return out;
  }

  fold(i: number): string {
    return this.cues(i).folded;
  }

  /** Whether assistant message i ends by inviting the ask ("How can I help?", "Anything else?"): its last 120 characters are read. */
  invites(i: number): boolean {
    const k = this.slot(i);
    let out = this.invite[k];
    if (out === undefined) {
      const tail = this.tail(i);
      const may = endsAsQuestion(tail) || MAY_INVITE.test(tail.length > INVITE_WORDS_TAIL ? tail.slice(tail.length - INVITE_WORDS_TAIL) : tail);
      out = may && this.hasInvite(i);
      this.invite[k] = out;
    }
    return out;
  }

  /** The last 120 characters of message i (where an invitation is). */
  private tail(i: number): string {
    const text = this.head(i);
    let from = Math.max(0, text.length - INVITE_TAIL);
    const c = text.charCodeAt(from);
    if (c >= 0xdc00 && c <= 0xdfff) from++;
    return from === 0 ? text : text.slice(from);
  }

  /** Whether assistant message i ends with an invitation, a question or not ("ご用件をお聞かせください。"). */
  hasInvite(i: number): boolean {
    const k = this.slot(i);
    let out = this.inviteCue[k];
    if (out === undefined) {
      out = (readCues(this.tail(i), INVITE).kinds & INVITE) !== 0;
      this.inviteCue[k] = out;
    }
    return out;
  }

  /** Whether user message i states a need: a question, or a problem, a want or a question word (`ASKS`). Small talk does not. */
  asks(i: number): boolean {
    // Read apart from the other cues, for the few messages it is asked of.
    const k = this.slot(i);
    let out = this.ask[k];
    if (out === undefined) {
      const text = this.head(i);
      out = /[?？]/u.test(text) || (readCues(text, ASKS).kinds & ASKS) !== 0;
      this.ask[k] = out;
    }
    return out;
  }

  is(i: number, kind: number): boolean {
    // Whether the assistant said it cannot is asked of every message read: a quick test first.
    if (kind === CANNOT && this.read[this.slot(i)] === undefined && !mayCannot(this.head(i))) return false;
    return (this.cues(i).kinds & kind) !== 0;
  }

  /** Whether message i says something once greetings, pleasantries and `also` (asks for a person, or topic markers) are removed (`minWords` words, or CJK characters). */
  says(i: number, also: 0 | typeof PERSON | typeof TOPIC = 0, minWords = MIN_WORDS, minCjk = MIN_CJK): boolean {
    const c = this.cues(i);
    const [words, cjk] = also === PERSON ? [c.saysBeyondPerson, c.cjkBeyondPerson] : also === TOPIC ? [c.saysBeyondTopic, c.cjkBeyondTopic] : [c.says, c.cjk];
    return words >= minWords || cjk >= minCjk;
  }
}

/**
 * Every user message that opens a topic, oldest first; the brief's request is the latest:
 * - the first user message that says something (beyond greetings, pleasantries and asking for a person);
 * - the next one that says something after the assistant invites the ask ("How can I help?",
 *   "Anything else?"): what came before was small talk (unless it reports on a step);
 * - one that changes the topic with a plain marker ("another question", "the actual problem",
 *   "anderes Thema", "ところで"), or the next one after a marker alone, while nothing the user
 *   reported is failing (a marker then opens a side question).
 * A report on a step (done, failed) never opens a topic; a marker of going back ("back to …")
 * drops the last one.
 */
function findRequests(indexes: readonly number[], read: Reader, gapAt: number): number[] {
  const found: number[] = [];
  /** The assistant just invited the ask: the next message that says something opens a topic. */
  let invited = false;
  /** A marker alone: the next message that states an ask opens a topic. */
  let pending = false;
  /** The assistant's messages since the latest ask: a report on a step they suggest (done, failed) opens no topic, invited or not. */
  let since: number[] = [];
  /** Whether the user said something failed since the latest ask: a marker then opens a side question, not a new ask. */
  let failing = false;
  /** The user said the latest step worked or was done, and nothing failed: a report after the next invitation is about something new. */
  let closed = false;
  /** Since the first ask, the assistant replied with more than a pleasantry (a longer message, or a step): the ask stands. */
  let settled = false;
  let previous = -1;
  /** The user's latest message closed the exchange: a short "done, thanks" or "it works now" (nothing failing): the assistant's next short question opens the floor. */
  let closes = false;
  /** The user answered an invitation with nothing yet ("one more", "もう一件あります"): the assistant's short reply keeps it open. */
  let held = false;
  /** The invitation was read from the form only (a short question after a closed exchange). */
  let byForm = false;
  for (const i of indexes) {
    // The first ask, if it states no need, may be small talk: the next message that does, before any step, replaces it.
    const smallTalk = found.length > 0 && !settled; // (and it states no need: asked last, it is read apart)
    // Before the gap, only the first ask is looked for: a topic change there is outside the window.
    if (i < gapAt && found.length > 0 && !smallTalk) continue;
    if (i !== previous + 1) invited = pending = false; // across the gap
    previous = i;
    const role = read.role(i);
    if (role === 'assistant') {
      since.push(i);
      // A short invitation ("Tell me what's going on", "ご用件をお聞かせください") is no step. (Only read while it matters.)
      if (smallTalk && (read.head(i).length > PLEASANTRY_LENGTH || (suggestsStep(read, i) && !read.hasInvite(i)))) settled = true;
      if (closed && suggestsStep(read, i)) closed = false;
      // "Anything else?" once the assistant has handed over is a courtesy: what follows is about the same ask.
      // The floor stays open while the user only holds it ("one more", "hang on") and the assistant only answers that ("Go for it.").
      const short = read.head(i).length <= PLEASANTRY_LENGTH;
      // After a closed exchange, a short question in any words invites ("Et la deuxième question ?"); what it opens must state a need ("yes, all correct" does not).
      const lexical: boolean = read.invites(i) || (held && short);
      byForm = !lexical && closes && short && endsAsQuestion(read.head(i)) && !suggestsStep(read, i);
      invited = (lexical || byForm) && !since.some((j) => read.is(j, HANDOFF));
      held = false;
      continue;
    }
    if (role !== 'user' || read.fold(i).trim() === '') continue;
    const failed = read.is(i, FAILED);
    const report = failed || read.is(i, DONE) || read.is(i, SOLVED);
    closes = !failed && !failing && (read.is(i, SOLVED) || (read.is(i, DONE) && !read.says(i)));
    // Small talk is answered with a pleasantry ("What a lovely gift! How can I help?"), a problem with what the assistant found or asks.
    if (
      smallTalk && read.says(i, PERSON) && read.asks(i) && (report ? fuller(read, i, found[found.length - 1]!, 1) && !since.some((j) => read.is(j, SUGGESTS) && !read.invites(j)) : !read.asks(found[found.length - 1]!) || fuller(read, i, found[found.length - 1]!, 2))
    ) {
      found[found.length - 1] = i;
      invited = pending = false;
      since = [];
      continue;
    }
    if (i < gapAt && found.length > 0) continue;
    if (found.length === 0 || invited) {
      if (!read.says(i, PERSON)) {
        // "No, that's all for now, thanks": the invitation is declined.
        if (invited && NO_FIRST.test(read.fold(i))) invited = false;
        held = invited;
        continue; // "hi", "ok", "can you help me?", "a human please"
      }
      invited = false;
      // Invited by the form only, a message that states no need ("もう一件あります。", "yes, all correct") only holds the floor.
      if (byForm && !read.asks(i) && !report) {
        held = true;
        continue;
      }
      // A topic marker alone ("Yes, the real problem.", "Otra cosa."): the next message is the ask.
      if (found.length > 0 && read.is(i, TOPIC) && !read.says(i, TOPIC) && !report) {
        pending = true;
        continue;
      }
      // A report opens no topic, unless the steps since the ask were reported done or working (closed) before the invitation.
      // Not when the trouble is back "again" ("Actually it broke again just now.").
      const hadStep = since.some((j) => suggestsStep(read, j));
      if (found.length === 0 || ((!report || closed || !hadStep) && !(hadStep && AGAIN.test(read.fold(i))))) {
        if (smallTalk) found[found.length - 1] = i;
        else found.push(i);
        settled = false;
        pending = failing = closed = false;
        since = [];
        continue;
      }
    }
    if (found.length > 1 && read.is(i, RETURNS)) {
      // Back from a side question: the earlier ask stands.
      found.pop();
      pending = false;
      continue;
    }
    if (!failed && read.is(i, SOLVED)) failing = false; // "it works now"
    if (failed) closed = false;
    else if (read.is(i, DONE) || read.is(i, SOLVED)) closed = !failing;
    // In a report, a marker opens a topic only when something follows it ("That worked! Another question: …") and
    // nothing before it failed ("Still broken. Also, …" opens a side question).
    // A marker at the very end of what the user says opens a topic only when it states a need ("… the machine is 2 months old btw" does not).
    if (read.is(i, TOPIC) && (!read.says(i, TOPIC) || read.cues(i).afterTopic > 0 || read.asks(i)) && !failing && (!report || (read.cues(i).afterTopic >= MIN_WORDS && !(failed && failsBefore(read.cues(i)))))) {
      if (read.says(i, TOPIC)) {
        found.push(i);
        pending = false;
        since = [];
      } else pending = true;
      continue;
    }
    if (pending && !report && read.says(i, PERSON)) {
      found.push(i);
      pending = false;
      since = [];
      continue;
    }
    if (failed) failing = true;
  }
  return found;
}

/** Message i states more than `times` what message j does (words, and CJK characters counted half). */
function fuller(read: Reader, i: number, j: number, times: number): boolean {
  const a = read.cues(i);
  const b = read.cues(j);
  return a.says + a.cjk / 2 > times * (b.says + b.cjk / 2);
}

/** The assistant's own attempt failed ("it failed", "falhou", "ha fallado", "fehlgeschlagen", "a échoué", "失敗"), or it tried and met a "but" ("I tried to …, but", "He intentado …, pero"). */
const ACTION_FAILED = /(?:^|[^\p{L}])(?:fail|falh|fall[oóa]|fehlgeschlagen|schlug fehl|[ée]chou)|失敗|できませんでした|(?:^|[^\p{L}])(?:tried|intent[eé]|he intentado|tent[eé]i|versucht|essay[ée])(?![\p{L}])[^.!?。]{0,120}?(?:[^\p{L}](?:but|pero|aber|mais|mas)(?![\p{L}]))/iu;

/** The same trouble back: "again", "wieder", "encore", "de nuevo", "otra vez", "de novo", "outra vez", "再び", "またエラー". */
const AGAIN = /(?:^|[^\p{L}])(?:again|wieder|encore|de nuevo|otra vez|de novo|outra vez)(?![\p{L}])|再び|またエラー|また同じ/iu;

/** A reply that opens with "no" (en, es), "nope", "nein", "non", "não", "いいえ". */
const NO_FIRST = /^\s*(?:no|nope|nah|nein|non|n[aã]o|いいえ)(?![\p{L}\p{N}'’-])/iu;

/** Whether a failure is said before the first topic marker (or where is not known). */
function failsBefore(cues: Cues): boolean {
  let topic = Infinity;
  for (let h = 0; h < cues.hits.length; h += 2) if (cues.hits[h] === TOPIC) topic = Math.min(topic, cues.hits[h + 1]! < 0 ? -1 : cues.hits[h + 1]!);
  for (let h = 0; h < cues.hits.length; h += 2) if (cues.hits[h] === FAILED && (cues.hits[h + 1]! < 0 || topic < 0 || cues.hits[h + 1]! < topic)) return true;
  return false;
}

/** Whether assistant message i suggests a step (not only asks back or asks for feedback). */
function suggestsStep(read: Reader, i: number): boolean {
  return (read.is(i, SUGGESTS) && read.cues(i).suggestsOutsideFeedback && !isOnlyQuestion(read.fold(i))) || actedForCheck(read, i) || actsOnOffer(read, i);
}

/** Assistant message i follows an offer the user took ("Shall I?" "yes please"): whatever its words ("Done.", "Zurückgesetzt.", "Feito: …"), it reports the co-pilot's action. */
function actsOnOffer(read: Reader, i: number): boolean {
  const u = i - 1;
  const a = i - 2;
  if (!read.inWindow(a) || read.role(u) !== 'user' || read.role(a) !== 'assistant') return false;
  // Taken: a short reply that neither fails, puts off, declines, asks back nor says no ("yes please", "go for it", "quero", "お願いします").
  const c = read.cues(u);
  if (c.words > ACCEPT_WORDS || c.cjk > ACCEPT_CJK || (c.kinds & (FAILED | POSTPONED | DECLINED)) !== 0 || /[?？]/u.test(c.folded) || NO_FIRST.test(c.folded)) return false;
  if (!read.is(a, OFFER) || !endsAsQuestion(read.head(a)) || read.is(i, CANNOT) || isOnlyQuestion(read.fold(i))) return false;
  // "I tried, but it failed" ("Tentei …, mas a operação falhou"): nothing for the user to report on.
  const text = read.head(i);
  if (ACTION_FAILED.test(text)) return false;
  // Only a question after a pleasantry ("Gut. Wie lautet der neue Firmenname?"): it asks before acting.
  if (endsAsQuestion(text)) {
    const parts = segments(text);
    const before = readCues(text.slice(0, parts[parts.length - 1]![0]), FILLER | GREETING);
    if (before.says < MIN_WORDS && before.cjk < MIN_CJK) return false;
  }
  return true;
}

/**
 * The assistant says it did something itself, by the form of the verb rather than a list of verbs: a first-person
 * perfect or preterite ("I've removed", "He vaciado", "Je vous ai renvoyé", "Ich habe … entfernt", "Reconectei", "取り消しました"),
 * not one of looking or handing over ("I've checked", "I've passed this to"). Each form comes with a quick test of a
 * word it needs, so that most messages are not searched.
 */
const ACTED_FORMS: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/['’]ve |\bhave /i, new RegExp(String.raw`\bI(?:'ve|’ve| have)(?: (?:just|now|also|already))? (?!checked|looked|seen|found|noticed|reviewed|confirmed|verified|passed|handed|escalated|forwarded|transferred|noted|made a note|included|reproduced|tested|tried|recorded|logged|summari[sz]ed|flagged|been|got|had|asked (?:our|the|a) (?:team|colleague|specialist))[a-z-]+(?:ed|sent|set|put|done|run|made)\b`, 'iu')],
  [/\b[Hh]e /, new RegExp(String.raw`(?:^|[^\p{L}])he (?:vuelto a |también |ya )?(?!revisado|comprobado|verificado|mirado|consultado|visto|encontrado|pasado|transferido|escalado|notado|anotado)[a-zñ]+(?:ado|ido|ierto|uelto|echo)(?![\p{L}])`, 'iu')],
  [/ei\b/, new RegExp(String.raw`(?:^|[.!:;]\s*)(?!Sei|Direi|Pensei|Achei|Encontrei|Localizei|Notei|Verifiquei|Consultei|Olhei|Chequei|Analisei|Revisei|Passei|Encaminhei|Transferi)[A-ZÀ-Ú][a-zà-ú]{3,}ei(?![\p{L}])`, 'iu')],
  [/\bai\b|j'ai/i, new RegExp(String.raw`(?:^|[^\p{L}])(?:j'ai|je (?:vous |lui |l'|les |leur )?ai)(?: (?:bien|déjà|aussi))? (?!vérifié|regardé|consulté|examiné|contrôlé|vu|trouvé|noté|transmis|transféré)[a-zé]+(?:é|és|ée|ées|is|it)(?![\p{L}])`, 'iu')],
  [/habe/i, new RegExp(String.raw`\b(?:ich habe|habe ich)\b[^.!?]{0,80}?\b(?!geprüft|gesehen|nachgesehen|weitergeleitet|weitergegeben)(?:ge|ent|ver|zurück|frei|neu )?[a-zäöüß]+(?:t|en)[.!]`, 'iu')],
  [/ました/, new RegExp(String.raw`(?<!承知|了解|確認|拝見|失礼|おかけ|お掛け|お待たせ|お伝え|承り)(?:し|送り|戻し|消し|直し)ました(?:[。！]|$)`, 'u')],
];

/** Whether assistant message i says the co-pilot acted in the product ("I've sent a remote reset"). */
function actedHere(read: Reader, i: number): boolean {
  return read.is(i, ACTED) || read.actedForm(i);
}

/** The co-pilot did something in the product and asks the user to check it ("I've sent a remote reset. Can you let me know if it's back?"). */
function actedForCheck(read: Reader, i: number): boolean {
  return (read.is(i, FEEDBACK) || /[?？]/u.test(read.fold(i))) && actedHere(read, i);
}

/** No message says enough on its own: the user message with the most in it, if any says anything. */
function fallbackRequest(indexes: readonly number[], read: Reader): number | undefined {
  let best: number | undefined;
  let bestSize = 0;
  for (const i of indexes) {
    if (read.role(i) !== 'user') continue;
    const { says, cjk } = read.cues(i);
    const size = says + cjk / 2;
    if (size > bestSize) {
      best = i;
      bestSize = size;
    }
  }
  return best;
}

/**
 * Steps the assistant suggested that the user reported on: the user's next message that says
 * something (before the assistant speaks again) reports on the step, unless it only asks back,
 * puts the step off, turns to another topic or only asks for a person. It failed when the
 * user says so, else it was done ("it is already set" is a report too).
 */
function findTried(indexes: readonly number[], read: Reader, requests: ReadonlySet<number>): BriefStep[] {
  const steps: BriefStep[] = [];
  // From the latest back, up to MAX_STEPS: the latest steps are the ones the agent needs.
  for (let k = indexes.length - 1; k >= 0 && steps.length < MAX_STEPS; k--) {
    const i = indexes[k]!;
    if (read.role(i) !== 'assistant') continue;
    const folded = read.fold(i);
    const plain = read.is(i, SUGGESTS) && read.cues(i).suggestsOutsideFeedback;
    const question = /[?？]\s*$/u.test(folded) || isOnlyQuestion(folded) || opensWithQuestion(folded);
    // The co-pilot acted in the product: a question after it asks how it went ("Pouvez-vous demander à une cliente si elle l'a reçu ?").
    // (Only read when it matters: a plain step that asks nothing is a step anyway.)
    const acted = (!plain || question) && ((actedHere(read, i) && !ACTION_FAILED.test(read.head(i))) || actsOnOffer(read, i));
    const suggests = plain || acted;
    // Only a menu path ("Yes, under Settings > Invoices > Footer."): a step when the user says they did it or it failed.
    const pathOnly = !suggests && read.is(i, PATH);
    if (!suggests && !pathOnly) continue;
    if (read.is(i, HANDOFF)) continue;
    // Ending with a question ("Could you try …?", "…試していただけますか。"), it is answered rather than reported on (unless the reply
    // says done or failed, or the question asks for that report: "can you let me know if it's back?").
    // Opening with a question ("Which version are you on? You can see it under …"), it is answered first.
    const asksBack = (question && !read.is(i, FEEDBACK) && !acted) || pathOnly;
    /** No user message yet: the assistant may go on ("Then remove one of the grey photos …"); `later` when it suggests another step. */
    let run = true;
    let later = false;
    /** The user put the step off or asked about it first: a later message that says it was done or failed still reports on it. */
    let pending = false;
    /** The user only said "ok", and the assistant asked how it went ("Did that change the reading?"): a reply that says done or failed reports. */
    let acked = false;
    let asked = false;
    for (let m = k + 1; m < indexes.length; m++) {
      const j = indexes[m]!;
      if (j !== indexes[m - 1]! + 1 || j - i > REPORT_DISTANCE) break; // a gap in what is read: the reply is unknown
      const role = read.role(j);
      if (role === 'assistant') {
        if (read.is(j, HANDOFF)) break;
        const step = suggestsStep(read, j) || read.is(j, PATH);
        // In the same run, a report that follows covers this step too when it says done or failed ("did both");
        // after the user put it off or asked, an answer that suggests nothing new keeps it open.
        if (run) later ||= step;
        else if (acked && !asked && !pending && !step && !read.is(j, CANNOT) && (read.is(j, FEEDBACK) || endsAsQuestion(read.head(j)))) asked = true;
        else if (!pending || step || read.is(j, CANNOT)) break;
        continue;
      }
      if (role !== 'user') continue;
      run = false;
      const reply = read.fold(j);
      const failed = read.is(j, FAILED);
      // A question back is no report ("Can't that be done in bulk?"), unless it says the step failed.
      // Put off or declined, unless it says the step failed ("Same as before. I'll call them tomorrow.").
      const postponed = ((read.is(j, POSTPONED) && !failed) || read.is(j, DECLINED)) && !read.is(j, DONE);
      const did = (read.is(j, DONE) || read.is(j, SOLVED)) && !isOnlyQuestion(reply);
      // Once put off or asked about, only "I did it" reports on the step ("actually I just did it", "ok. disconnected it").
      const done = (pending ? did : failed || did) && !postponed;
      // A new ask reports on the step only when it says so ("That worked! Another question: …").
      if (requests.has(j) && !done) break;
      if (!done) {
        if (!read.says(j, PERSON, 1, 2)) {
          acked = true;
          continue; // "ok", "thanks": the report may follow
        }
        // Put off ("I'll try tonight"), a step asked as a question too ("Could you try the website?") stays open for a later report.
        if (postponed && !later && !read.is(j, DECLINED) && !read.is(j, TOPIC)) {
          pending = true;
          continue;
        }
        if (asksBack || later || asked || read.is(j, TOPIC) || read.is(j, DECLINED)) break;
        // A reply that asks something (not for a person) and says neither done nor failed answers back rather than reports ("When will it be fixed? I need it for …").
        if (isOnlyQuestion(reply) || postponed || (/[?？]/u.test(reply) && !read.is(j, PERSON))) pending = true;
        if (pending) continue;
      }
      const quote = stepQuote(read, i);
      if (quote !== '') steps.unshift({ text: quote, messageIndex: i, outcome: failed ? 'failed' : 'done', reportIndex: j });
      break;
    }
  }
  return steps;
}

/** Whether the first sentence of a text is a question. */
function opensWithQuestion(text: string): boolean {
  const end = text.search(/[.!?。！？](\s|$)|[。！？]/u);
  return end >= 0 && (text.charCodeAt(end) === 63 || text.charCodeAt(end) === 0xff1f);
}

const isSpace = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/** Pieces of a message, as [start, end) offsets: its lines, each split into sentences (after . ! ? and a space, or after 。！？), trimmed. */
function segments(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const push = (from: number, to: number): void => {
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    if (to > from) out.push([from, to]);
  };
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      push(from, i);
      from = i + 1;
    } else if (c === 0x3002 || c === 0xff01 || c === 0xff1f || ((c === 46 || c === 33 || c === 63) && i + 1 < text.length && isSpace(text.charCodeAt(i + 1)))) {
      push(from, i + 1);
      from = i + 1;
    }
  }
  push(from, text.length);
  return out;
}

/** The cues of message i with where they were found in `text` (its quoted form): unknown places (-1) when redaction changed the text. */
function cuesAt(read: Reader, i: number, text: string): Cues {
  const cues = read.cues(i);
  if (text === read.head(i)) return cues;
  const hits: number[] = [];
  for (let h = 0; h < cues.hits.length; h += 2) hits.push(cues.hits[h]!, -1);
  return { ...cues, hits };
}

/** The segments in which a cue of `kind` was found, from where the message's reading found them; read again when it cannot tell. */
function segmentsWith(text: string, parts: Array<[number, number]>, cues: Cues, kind: number): boolean[] {
  const out = parts.map(() => false);
  let unknown = false;
  for (let h = 0; h < cues.hits.length; h += 2) {
    if (cues.hits[h] !== kind) continue;
    const at = cues.hits[h + 1]!;
    if (at < 0) unknown = true;
    else {
      const p = parts.findIndex(([from, to]) => at >= from && at < to);
      if (p >= 0) out[p] = true;
    }
  }
  if (unknown) parts.forEach(([from, to], p) => (out[p] = (readCues(text.slice(from, to), kind).kinds & kind) !== 0));
  return out;
}

/** The start of a text on one line, at most `max` units, '…' where cut; only the start of a long text is read. */
function quoteLine(text: string, max: number): string {
  if (text.length <= 4 * max) return cut(singleLine(text), max);
  const line = cut(singleLine(text.slice(0, surrogateSafeCut(text, 4 * max))), max - 1);
  return line.endsWith('…') ? line : `${line}…`;
}

/** The step in the assistant's words: from the first sentence that suggests something, as much as fits. */
function stepQuote(read: Reader, i: number): string {
  const text = read.quoted(i);
  const parts = segments(text);
  const suggests = segmentsWith(text, parts, cuesAt(read, i, text), SUGGESTS);
  let start = parts.findIndex(([from, to], p) => suggests[p] && !isOnlyQuestion(text.slice(from, to)));
  if (start < 0) start = Math.max(0, segmentsWith(text, parts, cuesAt(read, i, text), PATH).indexOf(true));
  let quote = '';
  for (let p = start; p < parts.length; p++) {
    const part = text.slice(parts[p]![0], parts[p]![1]);
    const next = quote === '' ? part : `${quote} ${part}`;
    if (quote !== '' && next.length > STEP_MAX) break;
    quote = next;
  }
  return cut(singleLine(quote), STEP_MAX);
}

/** The sentence of message i where a cue of `kind` was found, else the message's start. */
function quoteOf(read: Reader, i: number, kind: number): BriefQuote {
  const text = read.quoted(i);
  const parts = segments(text);
  const found = segmentsWith(text, parts, cuesAt(read, i, text), kind);
  const [from, to] = parts[Math.max(0, found.indexOf(true))] ?? [0, 0];
  return { text: cut(singleLine(text.slice(from, to)), SIGNAL_QUOTE_MAX), messageIndex: i };
}

function findSignals(indexes: readonly number[], read: Reader): BriefSignal[] {
  const tally = (role: string, kind: number, after = -1): { count: number; last: number } => {
    let count = 0;
    let last = -1;
    for (const i of indexes) {
      if (i <= after || read.role(i) !== role || !read.is(i, kind)) continue;
      count++;
      last = i;
    }
    return { count, last };
  };
  const firstAssistant = indexes.find((i) => read.role(i) === 'assistant') ?? Number.MAX_SAFE_INTEGER;
  const signals: BriefSignal[] = [];
  const human = tally('user', PERSON);
  if (human.count > 0) signals.push({ kind: 'asked_for_human', count: human.count, quote: quoteOf(read, human.last, PERSON) });
  const failing = tally('user', FAILED, firstAssistant);
  if (failing.count > 0) signals.push({ kind: 'still_failing', count: failing.count, quote: quoteOf(read, failing.last, FAILED) });
  const cannot = tally('assistant', CANNOT);
  if (cannot.count > 0) signals.push({ kind: 'assistant_cannot', count: cannot.count, quote: quoteOf(read, cannot.last, CANNOT) });
  return signals;
}

/** At most `max` units, cut at a word when that keeps most of it, ending with '…'; never splits a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - 1;
  let at = surrogateSafeCut(text, room);
  const space = text.lastIndexOf(' ', room);
  if (space >= Math.ceil(room * 0.7)) at = space;
  return `${text.slice(0, at).trimEnd()}…`;
}
