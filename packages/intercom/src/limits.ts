// Intercom's limits and this package's defaults, in one place, each with where it comes from.

/** Intercom's bound on a string custom data attribute: 255 characters (Intercom's data attribute docs). */
export const INTERCOM_ATTRIBUTE_LENGTH = 255;
/**
 * Default bound of a ticket's description and a conversation's body, in UTF-16 units. Intercom
 * documents no limit for either; this keeps them readable in the inbox.
 */
export const DEFAULT_DESCRIPTION_LENGTH = 10_000;
/** Default bound of a ticket title (our bound: Intercom documents none; a title reads as one line). */
export const DEFAULT_TICKET_TITLE_LENGTH = 150;
/** Default per-request timeout of the REST adapters, in ms. */
export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;
/** Default `widgetTimeoutMs` of the Messenger: how long to wait for it to open, in ms. */
export const DEFAULT_MESSENGER_TIMEOUT_MS = 4_000;
/** Default `resendDelayMs` of the Messenger: Intercom's first `showNewMessage` after boot can open it empty. */
export const DEFAULT_RESEND_DELAY_MS = 250;
