/** The locales the status surface speaks. Others fall back by language, then to English. */
export const STATUS_LOCALES = ['en', 'de', 'fr', 'es', 'pt', 'ja'] as const;

/** One of {@link STATUS_LOCALES}. */
export type StatusLocale = (typeof STATUS_LOCALES)[number];

/**
 * Every text of the status surface, by key. `{name}` placeholders are filled by
 * `statusMessage`; every filled value is the app's or the provider's text, shown as text
 * (never as markup).
 */
export interface StatusStrings {
  /** The panel heading. */
  heading: string;
  /** While delivering, provider unknown. */
  working: string;
  /** While delivering (`{provider}`). */
  workingProvider: string;
  /** A widget or Messenger opened (`{provider}`). */
  opened: string;
  /** Scheduling opened in the page (`{provider}`). */
  scheduleOpened: string;
  /** Scheduling opened in a new tab (`{provider}`). */
  scheduleTab: string;
  /** The call was booked. */
  booked: string;
  /** A prefilled community post opened (`{provider}`); nothing is posted yet. */
  communityOpened: string;
  /** Any other page opened in a new tab (`{provider}`). */
  linkOpened: string;
  /** A ticket with its reference, answered by email (`{ref}`, `{email}` masked). */
  ticketTo: string;
  /** A ticket with its reference, no email known (`{ref}`, `{provider}`). */
  ticketProvider: string;
  /** Created without a ticket reference, answered by email (`{provider}`, `{email}`). */
  requestTo: string;
  /** Created without a reference, no email known (`{provider}`). */
  requestProvider: string;
  /** What failed and what was used instead (`{from}`, `{why}`, `{to}`). */
  fellBack: string;
  /** Nothing delivered (`{provider}`, `{why}`). */
  failed: string;
  /** What the user can do after a failure. */
  failedHint: string;
  /** The request may have reached support; being checked. */
  mayExist: string;
  /** Why not to send it elsewhere. */
  mayExistHint: string;
  /** Outside hours, with the next opening (`{provider}`, `{when}`). */
  closedUntil: string;
  /** Outside hours, next opening unknown (`{provider}`). */
  closedUnknown: string;
  /** Refused by a gate that is not the hours (`{provider}`). */
  notAllowed: string;
  /** Label of the other options. */
  otherWays: string;
  /** The retry button (same key). */
  retry: string;
  /** The retry button after "may exist". */
  checkAgain: string;
  /** The close button's accessible name. */
  close: string;
  /** The hand-back button at solved. */
  back: string;
  /** Reserved: a link to what was created. */
  open: string;
  /** Lifecycle `created`. */
  lifeCreated: string;
  /** Lifecycle `assigned`. */
  lifeAssigned: string;
  /** Lifecycle `agent_replied`. */
  lifeReplied: string;
  /** Lifecycle `agent_replied` for a widget (`{provider}`). */
  lifeRepliedThere: string;
  /** Lifecycle `waiting_on_user`. */
  lifeWaiting: string;
  /** Lifecycle `solved`. */
  lifeSolved: string;
  /** Lifecycle `closed`. */
  lifeClosed: string;
  /** Lifecycle `booked`. */
  lifeBooked: string;
  /** Lifecycle `canceled`. */
  lifeCanceled: string;
  /** Label above the agent's reply. */
  replyLabel: string;
  /** Why a provider failed, by error code (`other` for the rest). */
  why: Record<'PROVIDER_UNAVAILABLE' | 'TIMEOUT' | 'RATE_LIMITED' | 'PROVIDER_REJECTED' | 'INVALID_CONTEXT' | 'ABORTED' | 'other', string>;
}

const en: StatusStrings = {
  heading: 'Support',
  working: 'Contacting support…',
  workingProvider: 'Contacting support through {provider}…',
  opened: '{provider} opened — an agent will answer there.',
  scheduleOpened: '{provider} opened — pick a time there to book your call.',
  scheduleTab: '{provider} opened in a new tab — pick a time there to book your call.',
  booked: 'Your call is booked.',
  communityOpened: '{provider} opened in a new tab — your question is not posted until you send it there.',
  linkOpened: '{provider} opened in a new tab.',
  ticketTo: 'Ticket #{ref} — we’ll reply to {email}',
  ticketProvider: 'Ticket #{ref} — the answer will come through {provider}.',
  requestTo: 'Your request reached {provider} — we’ll reply to {email}',
  requestProvider: 'Your request reached {provider}.',
  fellBack: '{from} was not available ({why}), so we used {to} instead.',
  failed: 'We could not reach support through {provider} ({why}).',
  failedHint: 'Nothing was sent. You can try again, or choose another way below.',
  mayExist: 'Your request may have reached support. We are checking.',
  mayExistHint: 'Please do not send it again elsewhere: that could open a second request.',
  closedUntil: '{provider} is closed now. It opens again {when}.',
  closedUnknown: '{provider} is closed now.',
  notAllowed: '{provider} is not available to you right now.',
  otherWays: 'Other ways to reach us',
  retry: 'Try again',
  checkAgain: 'Check again',
  close: 'Close',
  back: 'Back to the assistant',
  open: 'Open',
  lifeCreated: 'Support has your request.',
  lifeAssigned: 'An agent is working on it.',
  lifeReplied: 'An agent replied.',
  lifeRepliedThere: 'An agent replied in {provider}.',
  lifeWaiting: 'Support is waiting for your reply.',
  lifeSolved: 'Solved. Glad we could help.',
  lifeClosed: 'This request is closed.',
  lifeBooked: 'Your call is booked.',
  lifeCanceled: 'The call was canceled.',
  replyLabel: 'Reply',
  why: {
    PROVIDER_UNAVAILABLE: 'it did not load, perhaps blocked',
    TIMEOUT: 'it did not answer in time',
    RATE_LIMITED: 'too many requests just now',
    PROVIDER_REJECTED: 'it refused the request',
    INVALID_CONTEXT: 'some details it needs were missing',
    ABORTED: 'it was canceled',
    other: 'an unexpected error',
  },
};

const de: StatusStrings = {
  heading: 'Support',
  working: 'Support wird kontaktiert …',
  workingProvider: 'Support wird über {provider} kontaktiert …',
  opened: '{provider} ist geöffnet — ein Mitarbeiter antwortet dort.',
  scheduleOpened: '{provider} ist geöffnet — wählen Sie dort einen Termin für Ihren Anruf.',
  scheduleTab: '{provider} ist in einem neuen Tab geöffnet — wählen Sie dort einen Termin für Ihren Anruf.',
  booked: 'Ihr Anruf ist gebucht.',
  communityOpened: '{provider} ist in einem neuen Tab geöffnet — Ihre Frage ist erst veröffentlicht, wenn Sie sie dort absenden.',
  linkOpened: '{provider} ist in einem neuen Tab geöffnet.',
  ticketTo: 'Ticket #{ref} — wir antworten an {email}',
  ticketProvider: 'Ticket #{ref} — die Antwort kommt über {provider}.',
  requestTo: 'Ihre Anfrage ist bei {provider} — wir antworten an {email}',
  requestProvider: 'Ihre Anfrage ist bei {provider}.',
  fellBack: '{from} war nicht verfügbar ({why}), deshalb haben wir {to} verwendet.',
  failed: 'Wir konnten den Support über {provider} nicht erreichen ({why}).',
  failedHint: 'Es wurde nichts gesendet. Sie können es erneut versuchen oder unten einen anderen Weg wählen.',
  mayExist: 'Ihre Anfrage hat den Support möglicherweise erreicht. Wir prüfen das.',
  mayExistHint: 'Bitte senden Sie sie nicht anderswo erneut: Das könnte eine zweite Anfrage öffnen.',
  closedUntil: '{provider} ist gerade geschlossen. Wieder geöffnet: {when}.',
  closedUnknown: '{provider} ist gerade geschlossen.',
  notAllowed: '{provider} steht Ihnen gerade nicht zur Verfügung.',
  otherWays: 'Andere Wege zu uns',
  retry: 'Erneut versuchen',
  checkAgain: 'Erneut prüfen',
  close: 'Schließen',
  back: 'Zurück zum Assistenten',
  open: 'Öffnen',
  lifeCreated: 'Der Support hat Ihre Anfrage.',
  lifeAssigned: 'Ein Mitarbeiter kümmert sich darum.',
  lifeReplied: 'Ein Mitarbeiter hat geantwortet.',
  lifeRepliedThere: 'Ein Mitarbeiter hat in {provider} geantwortet.',
  lifeWaiting: 'Der Support wartet auf Ihre Antwort.',
  lifeSolved: 'Gelöst. Schön, dass wir helfen konnten.',
  lifeClosed: 'Diese Anfrage ist geschlossen.',
  lifeBooked: 'Ihr Anruf ist gebucht.',
  lifeCanceled: 'Der Anruf wurde abgesagt.',
  replyLabel: 'Antwort',
  why: {
    PROVIDER_UNAVAILABLE: 'es wurde nicht geladen, vielleicht blockiert',
    TIMEOUT: 'keine Antwort rechtzeitig',
    RATE_LIMITED: 'gerade zu viele Anfragen',
    PROVIDER_REJECTED: 'die Anfrage wurde abgelehnt',
    INVALID_CONTEXT: 'benötigte Angaben fehlten',
    ABORTED: 'abgebrochen',
    other: 'ein unerwarteter Fehler',
  },
};

const fr: StatusStrings = {
  heading: 'Assistance',
  working: 'Contact de l’assistance…',
  workingProvider: 'Contact de l’assistance via {provider}…',
  opened: '{provider} est ouvert — un agent vous répondra là-bas.',
  scheduleOpened: '{provider} est ouvert — choisissez-y un créneau pour réserver votre appel.',
  scheduleTab: '{provider} est ouvert dans un nouvel onglet — choisissez-y un créneau pour réserver votre appel.',
  booked: 'Votre appel est réservé.',
  communityOpened: '{provider} est ouvert dans un nouvel onglet — votre question n’est publiée qu’une fois envoyée là-bas.',
  linkOpened: '{provider} est ouvert dans un nouvel onglet.',
  ticketTo: 'Ticket n° {ref} — nous répondrons à {email}',
  ticketProvider: 'Ticket n° {ref} — la réponse arrivera via {provider}.',
  requestTo: 'Votre demande est arrivée chez {provider} — nous répondrons à {email}',
  requestProvider: 'Votre demande est arrivée chez {provider}.',
  fellBack: '{from} n’était pas disponible ({why}), nous avons donc utilisé {to}.',
  failed: 'Impossible de joindre l’assistance via {provider} ({why}).',
  failedHint: 'Rien n’a été envoyé. Vous pouvez réessayer ou choisir un autre moyen ci-dessous.',
  mayExist: 'Votre demande est peut-être arrivée à l’assistance. Nous vérifions.',
  mayExistHint: 'Ne la renvoyez pas ailleurs : cela pourrait ouvrir une seconde demande.',
  closedUntil: '{provider} est fermé pour le moment. Réouverture : {when}.',
  closedUnknown: '{provider} est fermé pour le moment.',
  notAllowed: '{provider} ne vous est pas accessible pour le moment.',
  otherWays: 'Autres moyens de nous joindre',
  retry: 'Réessayer',
  checkAgain: 'Vérifier à nouveau',
  close: 'Fermer',
  back: 'Retour à l’assistant',
  open: 'Ouvrir',
  lifeCreated: 'L’assistance a reçu votre demande.',
  lifeAssigned: 'Un agent s’en occupe.',
  lifeReplied: 'Un agent a répondu.',
  lifeRepliedThere: 'Un agent a répondu dans {provider}.',
  lifeWaiting: 'L’assistance attend votre réponse.',
  lifeSolved: 'Résolu. Ravis d’avoir pu aider.',
  lifeClosed: 'Cette demande est close.',
  lifeBooked: 'Votre appel est réservé.',
  lifeCanceled: 'L’appel a été annulé.',
  replyLabel: 'Réponse',
  why: {
    PROVIDER_UNAVAILABLE: 'il ne s’est pas chargé, peut-être bloqué',
    TIMEOUT: 'pas de réponse à temps',
    RATE_LIMITED: 'trop de demandes en ce moment',
    PROVIDER_REJECTED: 'la demande a été refusée',
    INVALID_CONTEXT: 'des informations nécessaires manquaient',
    ABORTED: 'annulé',
    other: 'une erreur inattendue',
  },
};

const es: StatusStrings = {
  heading: 'Soporte',
  working: 'Contactando con soporte…',
  workingProvider: 'Contactando con soporte a través de {provider}…',
  opened: '{provider} abierto — un agente te responderá allí.',
  scheduleOpened: '{provider} abierto — elige allí una hora para reservar tu llamada.',
  scheduleTab: '{provider} abierto en una pestaña nueva — elige allí una hora para reservar tu llamada.',
  booked: 'Tu llamada está reservada.',
  communityOpened: '{provider} abierto en una pestaña nueva — tu pregunta no se publica hasta que la envíes allí.',
  linkOpened: '{provider} abierto en una pestaña nueva.',
  ticketTo: 'Ticket n.º {ref} — responderemos a {email}',
  ticketProvider: 'Ticket n.º {ref} — la respuesta llegará a través de {provider}.',
  requestTo: 'Tu solicitud llegó a {provider} — responderemos a {email}',
  requestProvider: 'Tu solicitud llegó a {provider}.',
  fellBack: '{from} no estaba disponible ({why}), así que usamos {to}.',
  failed: 'No pudimos contactar con soporte a través de {provider} ({why}).',
  failedHint: 'No se envió nada. Puedes intentarlo de nuevo o elegir otra vía abajo.',
  mayExist: 'Es posible que tu solicitud haya llegado a soporte. Lo estamos comprobando.',
  mayExistHint: 'No la envíes de nuevo por otra vía: podría abrir una segunda solicitud.',
  closedUntil: '{provider} está cerrado ahora. Vuelve a abrir {when}.',
  closedUnknown: '{provider} está cerrado ahora.',
  notAllowed: '{provider} no está disponible para ti ahora.',
  otherWays: 'Otras formas de contactarnos',
  retry: 'Reintentar',
  checkAgain: 'Comprobar de nuevo',
  close: 'Cerrar',
  back: 'Volver al asistente',
  open: 'Abrir',
  lifeCreated: 'Soporte tiene tu solicitud.',
  lifeAssigned: 'Un agente está en ello.',
  lifeReplied: 'Un agente respondió.',
  lifeRepliedThere: 'Un agente respondió en {provider}.',
  lifeWaiting: 'Soporte espera tu respuesta.',
  lifeSolved: 'Resuelto. Nos alegra haber ayudado.',
  lifeClosed: 'Esta solicitud está cerrada.',
  lifeBooked: 'Tu llamada está reservada.',
  lifeCanceled: 'La llamada se canceló.',
  replyLabel: 'Respuesta',
  why: {
    PROVIDER_UNAVAILABLE: 'no se cargó, quizá bloqueado',
    TIMEOUT: 'no respondió a tiempo',
    RATE_LIMITED: 'demasiadas solicitudes ahora mismo',
    PROVIDER_REJECTED: 'rechazó la solicitud',
    INVALID_CONTEXT: 'faltaban datos necesarios',
    ABORTED: 'se canceló',
    other: 'un error inesperado',
  },
};

const pt: StatusStrings = {
  heading: 'Suporte',
  working: 'Contatando o suporte…',
  workingProvider: 'Contatando o suporte pelo {provider}…',
  opened: '{provider} aberto — um atendente vai responder lá.',
  scheduleOpened: '{provider} aberto — escolha um horário lá para agendar sua chamada.',
  scheduleTab: '{provider} aberto em uma nova aba — escolha um horário lá para agendar sua chamada.',
  booked: 'Sua chamada está agendada.',
  communityOpened: '{provider} aberto em uma nova aba — sua pergunta só é publicada quando você a enviar lá.',
  linkOpened: '{provider} aberto em uma nova aba.',
  ticketTo: 'Ticket nº {ref} — responderemos para {email}',
  ticketProvider: 'Ticket nº {ref} — a resposta virá pelo {provider}.',
  requestTo: 'Sua solicitação chegou ao {provider} — responderemos para {email}',
  requestProvider: 'Sua solicitação chegou ao {provider}.',
  fellBack: '{from} não estava disponível ({why}), então usamos {to}.',
  failed: 'Não conseguimos contatar o suporte pelo {provider} ({why}).',
  failedHint: 'Nada foi enviado. Você pode tentar de novo ou escolher outra opção abaixo.',
  mayExist: 'Sua solicitação pode ter chegado ao suporte. Estamos verificando.',
  mayExistHint: 'Não a envie de novo por outro canal: isso poderia abrir uma segunda solicitação.',
  closedUntil: '{provider} está fechado agora. Abre novamente {when}.',
  closedUnknown: '{provider} está fechado agora.',
  notAllowed: '{provider} não está disponível para você agora.',
  otherWays: 'Outras formas de falar conosco',
  retry: 'Tentar de novo',
  checkAgain: 'Verificar de novo',
  close: 'Fechar',
  back: 'Voltar ao assistente',
  open: 'Abrir',
  lifeCreated: 'O suporte recebeu sua solicitação.',
  lifeAssigned: 'Um atendente está cuidando disso.',
  lifeReplied: 'Um atendente respondeu.',
  lifeRepliedThere: 'Um atendente respondeu no {provider}.',
  lifeWaiting: 'O suporte está aguardando sua resposta.',
  lifeSolved: 'Resolvido. Que bom que pudemos ajudar.',
  lifeClosed: 'Esta solicitação está encerrada.',
  lifeBooked: 'Sua chamada está agendada.',
  lifeCanceled: 'A chamada foi cancelada.',
  replyLabel: 'Resposta',
  why: {
    PROVIDER_UNAVAILABLE: 'não carregou, talvez bloqueado',
    TIMEOUT: 'não respondeu a tempo',
    RATE_LIMITED: 'muitas solicitações agora',
    PROVIDER_REJECTED: 'recusou a solicitação',
    INVALID_CONTEXT: 'faltavam dados necessários',
    ABORTED: 'foi cancelado',
    other: 'um erro inesperado',
  },
};

const ja: StatusStrings = {
  heading: 'サポート',
  working: 'サポートに接続しています…',
  workingProvider: '{provider} でサポートに接続しています…',
  opened: '{provider} を開きました — 担当者がそちらで回答します。',
  scheduleOpened: '{provider} を開きました — そちらで日時を選んで通話を予約してください。',
  scheduleTab: '{provider} を新しいタブで開きました — そちらで日時を選んで通話を予約してください。',
  booked: '通話の予約が完了しました。',
  communityOpened: '{provider} を新しいタブで開きました — そちらで送信するまで質問は投稿されません。',
  linkOpened: '{provider} を新しいタブで開きました。',
  ticketTo: 'チケット #{ref} — {email} 宛てに返信します。',
  ticketProvider: 'チケット #{ref} — 回答は {provider} から届きます。',
  requestTo: 'リクエストは {provider} に届きました — {email} 宛てに返信します。',
  requestProvider: 'リクエストは {provider} に届きました。',
  fellBack: '{from} は利用できなかったため（{why}）、代わりに {to} を使いました。',
  failed: '{provider} でサポートに接続できませんでした（{why}）。',
  failedHint: '何も送信されていません。もう一度試すか、下の別の方法を選んでください。',
  mayExist: 'リクエストはサポートに届いている可能性があります。確認しています。',
  mayExistHint: '別の方法で再送しないでください。リクエストが二重になるおそれがあります。',
  closedUntil: '{provider} は現在受付時間外です。次の受付開始: {when}。',
  closedUnknown: '{provider} は現在受付時間外です。',
  notAllowed: '{provider} は現在ご利用いただけません。',
  otherWays: 'その他の連絡方法',
  retry: '再試行',
  checkAgain: 'もう一度確認',
  close: '閉じる',
  back: 'アシスタントに戻る',
  open: '開く',
  lifeCreated: 'サポートがリクエストを受け付けました。',
  lifeAssigned: '担当者が対応しています。',
  lifeReplied: '担当者が返信しました。',
  lifeRepliedThere: '担当者が {provider} で返信しました。',
  lifeWaiting: 'サポートがあなたの返信を待っています。',
  lifeSolved: '解決しました。お役に立ててうれしいです。',
  lifeClosed: 'このリクエストはクローズされました。',
  lifeBooked: '通話の予約が完了しました。',
  lifeCanceled: '通話はキャンセルされました。',
  replyLabel: '返信',
  why: {
    PROVIDER_UNAVAILABLE: '読み込めませんでした。ブロックされている可能性があります',
    TIMEOUT: '時間内に応答がありませんでした',
    RATE_LIMITED: 'リクエストが多すぎます',
    PROVIDER_REJECTED: 'リクエストが拒否されました',
    INVALID_CONTEXT: '必要な情報が不足していました',
    ABORTED: 'キャンセルされました',
    other: '予期しないエラー',
  },
};

const TABLES: Record<StatusLocale, StatusStrings> = { en, de, fr, es, pt, ja };

/**
 * The supported locale for a BCP 47 tag: `de-AT` → `de`, `pt-BR` → `pt`; anything else (or
 * nothing) → `en`.
 */
export function statusLocale(tag: string | undefined | null): StatusLocale {
  const language = typeof tag === 'string' ? tag.trim().toLowerCase().split(/[-_]/)[0] : undefined;
  return (STATUS_LOCALES as readonly string[]).includes(language ?? '') ? (language as StatusLocale) : 'en';
}

/** The strings of a locale, with the app's overrides (`StatusOptions.strings`) on top. */
export function statusStrings(locale: StatusLocale, overrides?: Partial<StatusStrings>): StatusStrings {
  const base = TABLES[locale];
  if (!overrides) return base;
  return { ...base, ...overrides, why: { ...base.why, ...overrides.why } };
}

/** Fills `{name}` placeholders; an unknown name stays as written. */
export function fill(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
