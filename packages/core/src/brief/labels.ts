import type { EscalationReason } from '../context/types';
import { EscalationError } from '../errors';

/** The languages the brief's and the transcript's labels ship in. */
export type AgentLanguage = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'ja';

/** Every language with labels, in a stable order. */
export const AGENT_LANGUAGES: readonly AgentLanguage[] = ['en', 'de', 'fr', 'es', 'pt', 'ja'];

/** The words a transcript and its brief are labelled with, in one language. Internal. */
export interface TranscriptLabels {
  user: string;
  assistant: string;
  system: string;
  other: string;
  page: string;
  url: string;
  reason: string;
  customer: string;
  plan: string;
  role: string;
  request: string;
  tried: string;
  actions: string;
  product: string;
  error: string;
  why: string;
  localTime: string;
  locale: string;
  summary: string;
  noMessages: string;
  /** What a reported step came to. */
  stepFailed: string;
  stepDone: string;
  /** What a co-pilot action came to. */
  actionSucceeded: string;
  actionFailed: string;
  reasons: Readonly<Record<EscalationReason, string>>;
  askedHuman(n: number): string;
  stillFailing(n: number): string;
  assistantCannot: string;
  leftOut(n: number): string;
}

const times = (n: number, once: string, many: (n: number) => string) => (n === 1 ? once : many(n));

const en: TranscriptLabels = {
  user: 'User',
  assistant: 'Assistant',
  system: 'System',
  other: 'Other',
  page: 'Page',
  url: 'URL',
  reason: 'Reason',
  customer: 'Customer',
  plan: 'Plan',
  role: 'Role',
  request: 'Request',
  tried: 'What was tried',
  actions: 'Co-pilot actions',
  product: 'In the product',
  error: 'Error',
  why: 'Why a human',
  localTime: "User's local time",
  locale: 'Language',
  summary: 'Summary',
  noMessages: 'No messages yet.',
  stepFailed: 'did not work',
  stepDone: 'done',
  actionSucceeded: 'succeeded',
  actionFailed: 'failed',
  reasons: {
    human_requested: 'Asked for a human',
    billing: 'Billing',
    account: 'Account',
    bug: 'Bug',
    complex: 'Complex case',
    other: 'Other',
  },
  askedHuman: (n) => `asked for a person ${times(n, 'once', (k) => `${k} times`)}`,
  stillFailing: (n) => `said it still does not work ${times(n, 'once', (k) => `${k} times`)}`,
  assistantCannot: 'the assistant said it cannot do this',
  leftOut: (n) => `… ${n} earlier message${n === 1 ? '' : 's'} left out …`,
};

const de: TranscriptLabels = {
  user: 'Nutzer',
  assistant: 'Assistent',
  system: 'System',
  other: 'Andere',
  page: 'Seite',
  url: 'URL',
  reason: 'Grund',
  customer: 'Kunde',
  plan: 'Tarif',
  role: 'Rolle',
  request: 'Anliegen',
  tried: 'Bereits versucht',
  actions: 'Aktionen des Co-Piloten',
  product: 'Im Produkt',
  error: 'Fehler',
  why: 'Warum ein Mensch',
  localTime: 'Ortszeit des Nutzers',
  locale: 'Sprache',
  summary: 'Zusammenfassung',
  noMessages: 'Noch keine Nachrichten.',
  stepFailed: 'hat nicht funktioniert',
  stepDone: 'erledigt',
  actionSucceeded: 'erfolgreich',
  actionFailed: 'fehlgeschlagen',
  reasons: {
    human_requested: 'Wollte einen Menschen',
    billing: 'Abrechnung',
    account: 'Konto',
    bug: 'Fehler im Produkt',
    complex: 'Komplexer Fall',
    other: 'Sonstiges',
  },
  askedHuman: (n) => `hat ${times(n, 'einmal', (k) => `${k}-mal`)} nach einem Menschen gefragt`,
  stillFailing: (n) => `hat ${times(n, 'einmal', (k) => `${k}-mal`)} gesagt, dass es noch nicht funktioniert`,
  assistantCannot: 'der Assistent sagte, dass er das nicht kann',
  leftOut: (n) => `… ${n} frühere Nachricht${n === 1 ? '' : 'en'} ausgelassen …`,
};

const fr: TranscriptLabels = {
  user: 'Utilisateur',
  assistant: 'Assistant',
  system: 'Système',
  other: 'Autre',
  page: 'Page',
  url: 'URL',
  reason: 'Motif',
  customer: 'Client',
  plan: 'Forfait',
  role: 'Rôle',
  request: 'Demande',
  tried: 'Déjà essayé',
  actions: 'Actions du copilote',
  product: 'Dans le produit',
  error: 'Erreur',
  why: 'Pourquoi un humain',
  localTime: "Heure locale de l'utilisateur",
  locale: 'Langue',
  summary: 'Résumé',
  noMessages: 'Aucun message pour le moment.',
  stepFailed: "n'a pas fonctionné",
  stepDone: 'fait',
  actionSucceeded: 'réussie',
  actionFailed: 'échouée',
  reasons: {
    human_requested: 'A demandé un humain',
    billing: 'Facturation',
    account: 'Compte',
    bug: 'Bug',
    complex: 'Cas complexe',
    other: 'Autre',
  },
  askedHuman: (n) => `a demandé une personne ${times(n, 'une fois', (k) => `${k} fois`)}`,
  stillFailing: (n) => `a dit que ça ne marche toujours pas ${times(n, 'une fois', (k) => `${k} fois`)}`,
  assistantCannot: "l'assistant a dit qu'il ne peut pas le faire",
  leftOut: (n) => `… ${n} message${n === 1 ? ' antérieur omis' : 's antérieurs omis'} …`,
};

const es: TranscriptLabels = {
  user: 'Usuario',
  assistant: 'Asistente',
  system: 'Sistema',
  other: 'Otro',
  page: 'Página',
  url: 'URL',
  reason: 'Motivo',
  customer: 'Cliente',
  plan: 'Plan',
  role: 'Rol',
  request: 'Solicitud',
  tried: 'Ya se intentó',
  actions: 'Acciones del copiloto',
  product: 'En el producto',
  error: 'Error',
  why: 'Por qué una persona',
  localTime: 'Hora local del usuario',
  locale: 'Idioma',
  summary: 'Resumen',
  noMessages: 'Aún no hay mensajes.',
  stepFailed: 'no funcionó',
  stepDone: 'hecho',
  actionSucceeded: 'correcta',
  actionFailed: 'fallida',
  reasons: {
    human_requested: 'Pidió una persona',
    billing: 'Facturación',
    account: 'Cuenta',
    bug: 'Fallo del producto',
    complex: 'Caso complejo',
    other: 'Otro',
  },
  askedHuman: (n) => `pidió una persona ${times(n, 'una vez', (k) => `${k} veces`)}`,
  stillFailing: (n) => `dijo que sigue sin funcionar ${times(n, 'una vez', (k) => `${k} veces`)}`,
  assistantCannot: 'el asistente dijo que no puede hacerlo',
  leftOut: (n) => `… ${n} mensaje${n === 1 ? ' anterior omitido' : 's anteriores omitidos'} …`,
};

const pt: TranscriptLabels = {
  user: 'Usuário',
  assistant: 'Assistente',
  system: 'Sistema',
  other: 'Outro',
  page: 'Página',
  url: 'URL',
  reason: 'Motivo',
  customer: 'Cliente',
  plan: 'Plano',
  role: 'Função',
  request: 'Pedido',
  tried: 'Já tentado',
  actions: 'Ações do copiloto',
  product: 'No produto',
  error: 'Erro',
  why: 'Por que um humano',
  localTime: 'Hora local do usuário',
  locale: 'Idioma',
  summary: 'Resumo',
  noMessages: 'Nenhuma mensagem ainda.',
  stepFailed: 'não funcionou',
  stepDone: 'feito',
  actionSucceeded: 'concluída',
  actionFailed: 'falhou',
  reasons: {
    human_requested: 'Pediu um humano',
    billing: 'Cobrança',
    account: 'Conta',
    bug: 'Bug',
    complex: 'Caso complexo',
    other: 'Outro',
  },
  askedHuman: (n) => `pediu uma pessoa ${times(n, 'uma vez', (k) => `${k} vezes`)}`,
  stillFailing: (n) => `disse que ainda não funciona ${times(n, 'uma vez', (k) => `${k} vezes`)}`,
  assistantCannot: 'o assistente disse que não pode fazer isso',
  leftOut: (n) => `… ${n} mensage${n === 1 ? 'm anterior omitida' : 'ns anteriores omitidas'} …`,
};

const ja: TranscriptLabels = {
  user: 'ユーザー',
  assistant: 'アシスタント',
  system: 'システム',
  other: 'その他',
  page: 'ページ',
  url: 'URL',
  reason: '理由',
  customer: '顧客',
  plan: 'プラン',
  role: '役割',
  request: '依頼内容',
  tried: '試したこと',
  actions: 'コパイロットの操作',
  product: '製品内の状況',
  error: 'エラー',
  why: '担当者が必要な理由',
  localTime: 'ユーザーの現地時刻',
  locale: '言語',
  summary: '要約',
  noMessages: 'まだメッセージはありません。',
  stepFailed: 'うまくいかなかった',
  stepDone: '完了',
  actionSucceeded: '成功',
  actionFailed: '失敗',
  reasons: {
    human_requested: '担当者を希望',
    billing: '請求',
    account: 'アカウント',
    bug: '不具合',
    complex: '複雑なケース',
    other: 'その他',
  },
  askedHuman: (n) => `担当者を${n}回求めた`,
  stillFailing: (n) => `まだ解決しないと${n}回伝えた`,
  assistantCannot: 'アシスタントが対応できないと回答',
  leftOut: (n) => `… 以前のメッセージ${n}件を省略 …`,
};

const LABELS: Readonly<Record<AgentLanguage, TranscriptLabels>> = { en, de, fr, es, pt, ja };

/** The agent's locale, resolved: the canonical tag (for `Intl`) and the labels' language. Internal. */
export interface AgentLocale {
  /** Canonical BCP 47 tag, e.g. `de-CH`; `undefined` for the default (English labels, UTC times as before). */
  tag: string | undefined;
  labels: TranscriptLabels;
}

/** English labels and the classic `2026-05-04 09:30 UTC` times: what a transcript uses without `agentLocale`. */
export const DEFAULT_AGENT_LOCALE: AgentLocale = Object.freeze({ tag: undefined, labels: en });

const resolved = new Map<string, AgentLocale>();

/**
 * Reads an `agentLocale` option: a BCP 47 tag such as `de`, `fr-CA` or `ja-JP`. The labels
 * follow its language (English for a language without labels); dates follow the whole tag.
 * Not a tag: `CONFIGURATION`.
 */
export function resolveAgentLocale(tag: unknown, what: string): AgentLocale {
  if (tag === undefined) return DEFAULT_AGENT_LOCALE;
  if (typeof tag === 'string') {
    const hit = resolved.get(tag);
    if (hit) return hit;
  }
  let canonical: string | undefined;
  try {
    canonical = typeof tag === 'string' && tag !== '' ? Intl.getCanonicalLocales(tag)[0] : undefined;
  } catch {
    canonical = undefined;
  }
  if (canonical === undefined) {
    throw new EscalationError('CONFIGURATION', `${what}: agentLocale must be a BCP 47 language tag such as 'de' or 'pt-BR', got ${JSON.stringify(tag)}`);
  }
  const language = canonical.split('-')[0]!.toLowerCase();
  const locale: AgentLocale = Object.freeze({
    tag: canonical,
    labels: (LABELS as Record<string, TranscriptLabels>)[language] ?? en,
  });
  if (resolved.size >= 64) resolved.clear();
  resolved.set(tag as string, locale);
  return locale;
}
