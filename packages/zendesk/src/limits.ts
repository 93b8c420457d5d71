// Zendesk's limits and this package's defaults, in one place, each with where it comes from.

/** A ticket comment holds about 65,000 characters (Zendesk's docs on ticket comment limits). */
export const ZENDESK_COMMENT_MAX = 65_000;
/**
 * Default bound of a comment (the transcript), in UTF-16 units: under {@link ZENDESK_COMMENT_MAX},
 * the margin covering multi-byte text.
 */
export const DEFAULT_COMMENT_MAX_LENGTH = 60_000;
/**
 * Default bound of the Classic widget's prefilled description: it becomes the first comment,
 * and the rest of {@link ZENDESK_COMMENT_MAX} leaves room for what the user adds.
 */
export const DEFAULT_WEB_WIDGET_DESCRIPTION_LENGTH = 50_000;
/** Longest subject an option may ask for (our bound: Zendesk states none for the API). */
export const ZENDESK_SUBJECT_MAX = 255;
/** Default bound of a subject, in every Zendesk adapter (a subject reads as one line in the agent views). */
export const DEFAULT_SUBJECT_LENGTH = 150;
/**
 * Default bound of a ticket subject.
 * @deprecated The same as {@link DEFAULT_SUBJECT_LENGTH}; use that. Removed in the next minor version.
 */
export const DEFAULT_TICKET_SUBJECT_LENGTH = DEFAULT_SUBJECT_LENGTH;
/** Default per-try timeout of the HTTP adapters, in ms. */
export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;
/** How long the widget adapters wait for `zE` and for the widget to confirm it opened, in ms. */
export const DEFAULT_WIDGET_TIMEOUT_MS = 3_000;
/**
 * Messaging carries conversation fields as conversation metadata, which Sunshine Conversations
 * limits to 4 KB in all (Sunshine Conversations' metadata limit).
 */
export const MESSENGER_METADATA_BYTES = 4_000;
/** The transcript field's default size bound, in UTF-8 bytes: 3,000 of the 4 KB leave room for the other fields. */
export const DEFAULT_MESSENGER_TRANSCRIPT_BYTES = 3_000;
/** Other mapped values (conversation id, plan, page URL, metadata) are cut to this many characters. */
export const MESSENGER_VALUE_MAX_LENGTH = 500;
/** Zendesk keeps an `Idempotency-Key` (and so an `external_id` we stamp) of at most 255 characters. */
export const ZENDESK_KEY_MAX_LENGTH = 255;
/** Zendesk keeps a user's name to 255 characters. */
export const ZENDESK_NAME_MAX_LENGTH = 255;
