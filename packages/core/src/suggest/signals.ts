import type { EscalationReason } from '../context/types';
import type { Lexicon } from './pattern';

/**
 * What a signal votes for: a reason for a human, or one of the two ways a conversation says
 * "no human needed" (the user declines one; the conversation ends resolved).
 */
export type SignalKind = Exclude<EscalationReason, 'other'> | 'declined' | 'resolved';

/** One row of the table: phrases that, said by `from`, add `weight` to `kind`. */
export interface Signal {
  /** Stable id, reported in `SuggestResult.signals`. */
  id: string;
  /** What a match votes for: a reason for a human, `declined` or `resolved`. */
  kind: SignalKind;
  /** 3 is a clear case on its own, 2 a strong hint, 1 only tips the balance. */
  weight: number;
  /** Whose messages the phrases are looked for in (the assistant saying "I can't do that" counts too). */
  from: 'user' | 'assistant';
  /** Phrase syntax: see `compilePhrase` (`word`, `pre*`, `a|b`, `{group}`, `opt?`, `…`). */
  phrases: readonly string[];
  /** Phrases that, in the same message, cancel the signal ("bug tracker" is not a bug). */
  unless?: readonly string[];
  /** A negation just before the phrase ("I don't need a human") turns it into `declined`. */
  negatable?: boolean;
  /** The phrase must be the whole message ("Representative please"). */
  whole?: boolean;
}

/** Word groups the phrases refer to as `{name}`. Accents are ignored when matching. */
export const LEXICON: Lexicon = {
  // English
  det: ['a', 'an', 'the', 'some', 'your', 'one', 'of', 'our'],
  real: ['real', 'actual', 'live', 'human', 'genuine', 'proper'],
  person: [
    'human', 'humans', 'person', 'people', 'someone', 'somebody', 'anyone', 'anybody', 'agent', 'agents',
    'representative', 'rep', 'operator', 'staff', 'employee', 'specialist', 'engineer', 'support', 'service',
    'sales', 'team', 'manager', 'helpdesk', 'care',
  ],
  human: ['human', 'humans', 'person', 'people', 'representative', 'rep', 'operator', 'being'],
  talk: ['talk', 'speak', 'chat'],
  with: ['to', 'with'],
  meeting: ['call', 'meeting', 'demo', 'appointment', 'consultation', 'session'],
  assistVerb: ['help', 'assist', 'do', 'change', 'perform', 'issue', 'process', 'access', 'inspect', 'look', 'handle', 'modify', 'set', 'merge', 'make'],
  // German
  detDe: ['einem', 'einer', 'einen', 'ein', 'eine', 'dem', 'der', 'den', 'ihrem', 'ihrer', 'eurem'],
  realDe: ['echte*', 'richtige*', 'menschliche*', 'lebende*'],
  personDe: [
    'mensch*', 'mitarbeiter*', 'person', 'personen', 'jemand*', 'ansprechpartner*', 'kundenservice', 'kundendienst',
    'support*', 'berater*', 'agent*', 'service*', 'team',
  ],
  // Spanish
  detEs: ['un', 'una', 'el', 'la', 'algun', 'alguna', 'su'],
  personEs: ['persona', 'personas', 'humano', 'humana', 'agente', 'representante', 'alguien', 'asesor*', 'operador*', 'soporte', 'empleado*', 'especialista'],
  // French
  detFr: ['un', 'une', 'le', 'la', 'l', 'du', 'des', 'votre'],
  personFr: ['humain*', 'personne', 'conseiller*', 'agent', 'quelqu', 'operateur*', 'support', 'service', 'equipe', 'technicien*'],
  // Portuguese
  detPt: ['um', 'uma', 'o', 'a', 'algum', 'alguma', 'seu'],
  personPt: ['pessoa', 'pessoas', 'humano', 'humana', 'atendente*', 'agente', 'alguem', 'suporte', 'representante', 'operador*', 'consultor*', 'especialista'],
};

/**
 * Words that negate a request for a person when they come shortly before it in the same clause:
 * "I don't need a human", "no need to talk to anyone", "No necesito hablar con una persona".
 */
export const NEGATIONS: readonly string[] = [
  'no', 'not', 'never', 'dont', 'don t', 'do not', 'doesn t', 'won t', 'without',
  'nicht', 'kein*', 'ohne', 'nie',
  'sin', 'nunca',
  'ne', 'pas', 'jamais', 'sans',
  'nao', 'sem', 'nem',
];

/** How many words before a request a negation still applies to it. */
export const NEGATION_WINDOW = 5;

/**
 * The table. Each row is one kind of evidence; a row counts once per conversation, however often
 * its phrases occur. A reason is suggested when its rows add up to at least `SUGGEST_THRESHOLD`.
 */
export const SIGNALS: readonly Signal[] = [
  // ── The user asks for a person ───────────────────────────────────────────────────────────
  {
    id: 'asks-for-person',
    kind: 'human_requested',
    weight: 4,
    from: 'user',
    negatable: true,
    phrases: [
      '{talk} {with} {det}? {det}? {det}? {real}? customer? {person}',
      'get|need|want|give me? {det} {real}? {human}',
      'connect|transfer|put|pass|forward me {with}|through {det}? {real}? customer? {person}',
      'contact|reach|call|email|phone|ring {det}? {real}? customer? support|service|sales|team|person|human|someone|somebody|representative|agent',
      'get in touch with {det}? {real}? customer? {person}',
      'anyone|someone|somebody i can call|talk|speak|contact|email',
      '{person} …3 call|contact|email|phone|ring me',
    ],
  },
  {
    id: 'names-a-person',
    kind: 'human_requested',
    weight: 3,
    from: 'user',
    negatable: true,
    phrases: ['live|human agent|person|operator|support', 'real|actual person|human|people|humans', 'human being'],
  },
  {
    id: 'asks-for-call',
    kind: 'human_requested',
    weight: 4,
    from: 'user',
    negatable: true,
    phrases: ['schedule|book|arrange|request {det}? {meeting}', 'set up {det}? {meeting}', 'call|ring|phone me back?', 'hop on {det}? call'],
  },
  {
    id: 'one-word-request',
    kind: 'human_requested',
    weight: 4,
    from: 'user',
    whole: true,
    phrases: ['please? {real}? {person} please?', 'please? {real}? {person} now'],
  },
  {
    id: 'asks-for-person-de',
    kind: 'human_requested',
    weight: 4,
    from: 'user',
    negatable: true,
    phrases: [
      'mit {detDe}? {realDe}? {personDe} sprechen|reden|telefonieren|chatten',
      'sprechen|reden mit {detDe}? {realDe}? {personDe}',
      'verbinde* …3 mit {detDe}? {realDe}? {personDe}',
      '{realDe} mensch*|person|ansprechpartner*|mitarbeiter*',
      'kundenservice|kundendienst|support kontaktieren|erreichen',
    ],
  },
  {
    id: 'asks-for-person-es',
    kind: 'human_requested',
    weight: 4,
    from: 'user',
    negatable: true,
    phrases: [
      'hablar con {detEs}? {personEs}',
      'pasar|comunicar|comunicarme|transferir|transfiera|conectar|conectarme …2 con {detEs}? {personEs}',
      'agente|persona humano|humana|real',
      'contactar|llamar {detEs}? soporte|agente|persona|humano',
    ],
  },
  {
    id: 'asks-for-person-fr',
    kind: 'human_requested',
    weight: 4,
    from: 'user',
    negatable: true,
    phrases: [
      'parler a|avec {detFr}? {personFr}',
      'mettre|mettez|mets en relation avec',
      'vrai|vraie|etre humain|personne',
      'contacter|joindre {detFr}? {personFr}',
    ],
  },
  {
    id: 'asks-for-person-pt',
    kind: 'human_requested',
    weight: 4,
    from: 'user',
    negatable: true,
    phrases: [
      'falar com {detPt}? {personPt}',
      'atendimento|suporte|atendente|agente humano|humana',
      'pessoa real',
      'pessoa de verdade',
      'contatar|contactar {detPt}? suporte|atendente|pessoa',
    ],
  },

  // ── Billing disputes ─────────────────────────────────────────────────────────────────────
  {
    id: 'charged-twice',
    kind: 'billing',
    weight: 3,
    from: 'user',
    phrases: ['charged|billed|charging|billing …2 twice', 'double|duplicate charg*|bill*|payment*', 'two charges|payments'],
  },
  {
    id: 'wants-refund',
    kind: 'billing',
    weight: 3,
    from: 'user',
    phrases: [
      'want|need|get|request|like|demand {det}? full? refund',
      'refund me|my|the|this|our|it|us|that',
      'money back',
      'chargeback',
      'dispute …3 charg*|payment|transaction',
    ],
  },
  {
    id: 'unexpected-charge',
    kind: 'billing',
    weight: 3,
    from: 'user',
    phrases: [
      'overcharg*',
      'unauthori* charg*|payment*|transaction*',
      'charg*|bill*|payment …5 cancel*',
      'cancel* …5 charged|billed',
      'charged|billed …5 even though',
      'charged|billed …5 despite|trial',
      'payment went through …5 still',
      'paid …5 still',
      'charged|billed for seats|users',
    ],
  },
  {
    id: 'wrong-amount',
    kind: 'billing',
    weight: 2,
    from: 'user',
    phrases: [
      'wrong|incorrect amount|charge|invoice|bill',
      'amount|invoice|bill|charge|price …3 wrong|incorrect|higher',
      'charg*|bill* …3 extra|more',
      'don t recogni*',
      'price|prices went up|increased',
      'without …2 notice',
      'not what we agreed',
      'with my bank',
      'get|want|need {det}? credit',
    ],
  },
  {
    id: 'billing-topic',
    kind: 'billing',
    weight: 1,
    from: 'user',
    phrases: ['charg*', 'bill', 'billed', 'billing', 'invoice*', 'payment*', 'refund*', 'subscription', 'card', 'price*'],
  },

  // ── Account access and ownership ─────────────────────────────────────────────────────────
  {
    id: 'locked-out',
    kind: 'account',
    weight: 3,
    from: 'user',
    phrases: [
      'locked out',
      'can|couldn t log|sign|login|access',
      'cannot log|sign|login|access',
      'unable|not able to log|sign|login|access',
      'can|couldn t get in|into|past',
      'cannot get in|into|past',
      'nobody|no one can log|sign|access',
      'no longer have access',
      'lost access',
      'too many login attempts',
      'reset …3 expired|never',
      'reset …3 not arriv*',
    ],
  },
  {
    id: 'account-blocked',
    kind: 'account',
    weight: 3,
    from: 'user',
    phrases: [
      'account|workspace|profile …4 suspended|disabled|deactivated|banned|blocked|locked|terminated|compromised|hacked',
      'hacked',
      'compromised',
      'someone …3 changed my? password|email',
      'logins|login from …2 another|unknown|other',
      'sign ins from …2 another|unknown|other',
    ],
  },
  {
    id: 'account-ownership',
    kind: 'account',
    weight: 3,
    from: 'user',
    phrases: ['transfer …4 ownership|owner|account', 'ownership', 'owner …3 left|gone|passed|died|unreachable'],
  },
  {
    id: 'account-deletion',
    kind: 'account',
    weight: 3,
    from: 'user',
    phrases: ['delete|close|erase|remove my|our account', 'gdpr', 'data erased|deleted|removed', 'right to be forgotten', 'already in use', 'already registered|taken'],
  },
  {
    id: 'lost-second-factor',
    kind: 'account',
    weight: 2,
    from: 'user',
    phrases: ['lost my? phone|device|authenticator', 'new phone …3 2fa|codes|authenticator'],
  },

  // ── Defects that need engineering ────────────────────────────────────────────────────────
  {
    id: 'server-error',
    kind: 'bug',
    weight: 3,
    from: 'user',
    phrases: [
      'internal server error',
      'bad gateway',
      'error 500|502|503|504',
      '500|502|503|504 error|errors|bad|internal|status|response',
      'returns|throws|getting|get|gives|still 500|502|503|504',
      'stack trace',
      'exception',
      'uncaught',
      'typeerror',
      'nullpointer*',
    ],
  },
  {
    id: 'crash-or-broken',
    kind: 'bug',
    weight: 3,
    from: 'user',
    phrases: ['crash*', 'broken', 'freez*', 'blank|white|empty page|screen', 'stuck at', 'never finish*|load*|complet*', 'times out', 'timing out', 'timeout*'],
  },
  {
    id: 'data-loss',
    kind: 'bug',
    weight: 3,
    from: 'user',
    phrases: ['data loss', 'lost data', 'disappeared', 'vanished', 'are|is missing', 'just gone', 'silently drop*|ignore*|fail*|skip*'],
  },
  {
    id: 'says-bug',
    kind: 'bug',
    weight: 3,
    from: 'user',
    phrases: ['bug', 'bugs', 'buggy', 'glitch*', 'regression'],
    unless: ['bug tracker', 'report {det}? bug', 'bug report*', 'bug tracking'],
  },
  {
    id: 'worked-before',
    kind: 'bug',
    weight: 2,
    from: 'user',
    phrases: [
      'used to work',
      'worked yesterday|before|fine|last',
      'since|after …3 update|release|deploy|upgrade|version',
      'fires|sent|sends|sending twice',
      'wrong people|users|recipients',
      'random order',
      'file is empty',
      'no results',
    ],
  },
  { id: 'error-topic', kind: 'bug', weight: 1, from: 'user', phrases: ['error', 'errors', 'fails', 'failing', 'failed'] },

  // ── The co-pilot could not resolve it ────────────────────────────────────────────────────
  {
    id: 'did-not-work',
    kind: 'complex',
    weight: 3,
    from: 'user',
    phrases: [
      'didn|doesn|don t work|help|add',
      'did|does|do not work|help|add',
      'still …3 doesn|don|can|isn|won|didn t',
      'still …3 not|cannot|fail*|broken|same|wrong|nothing|no',
      'still failing|broken|wrong|stuck',
      'nothing works|worked|helps|helped|changed',
      'none of …3 work*|help*',
      'tried everything|all',
      'going|go|running in circles',
      'there s|there is nothing there',
    ],
  },
  {
    id: 'not-helpful',
    kind: 'complex',
    weight: 3,
    from: 'user',
    phrases: [
      'not helpful|helping',
      'aren|isn|wasn|weren t helpful|helping',
      'useless',
      'not what i asked|meant|need|said',
      'not understanding',
      'don t understand me',
      'not listening',
      'same question',
      'third|fourth|fifth time',
      'asked …2 already|before|twice',
    ],
  },
  {
    id: 'assistant-cannot',
    kind: 'complex',
    weight: 3,
    from: 'assistant',
    phrases: [
      'i can t {assistVerb}',
      'i cannot {assistVerb}',
      'i m|am not able to',
      'i m|am unable to',
      'i don t have access|information|visibility|permission',
      'i do not have access|information|visibility|permission',
      'i don t have the ability',
      'beyond|outside what i can|my',
      'needs|requires|require|need our? team|a human|support|an administrator',
      'you ll|will need to contact|reach',
      'please contact|reach our? support|team',
    ],
  },

  // ── No human needed ──────────────────────────────────────────────────────────────────────
  {
    id: 'declines-person',
    kind: 'declined',
    weight: 4,
    from: 'user',
    phrases: ['no {person} needed', 'no need for|to …3 {person}', 'brauche keinen|keine {personDe}'],
  },
  {
    id: 'resolved',
    kind: 'resolved',
    weight: 1,
    from: 'user',
    phrases: [
      'thanks|thank|thx|cheers|merci|danke|gracias|obrigado|obrigada',
      'that|it|this worked|works',
      'works|working now',
      'fixed it',
      'that fixed',
      'got it',
      'found it',
      'there it is',
      'makes sense',
      'perfect',
      'great',
      'awesome',
      'all good',
      'good to know',
      'explains it',
      'i see',
      'solved',
      'never mind',
      'nevermind',
      'done',
      'that was it',
      'sorted',
    ],
  },
];

/** A reason is suggested when its score reaches this. */
export const SUGGEST_THRESHOLD = 2;

/** How much of every score is left when the conversation ends resolved (the user's last word is "thanks, that worked"). */
export const RESOLVED_FACTOR = 0.25;

/** How much a declined request takes off `human_requested`. */
export const DECLINED_PENALTY = 6;

/** A repeated user question (the second asks nearly the same as an earlier one) counts as this much `complex`. */
export const REPEATED_QUESTION_WEIGHT = 3;

/** When two reasons score the same: the first in this list wins. */
export const REASON_PRECEDENCE: readonly Exclude<EscalationReason, 'other'>[] = ['human_requested', 'billing', 'account', 'bug', 'complex'];
