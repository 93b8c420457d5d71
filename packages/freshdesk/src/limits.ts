// Freshdesk's limits and this package's defaults, in one place, each with where it comes from.

/** Freshdesk's subject column holds 255 characters (Tickets API v2, `subject`). */
export const FRESHDESK_SUBJECT_MAX = 255;
/** Freshdesk single-line text fields (`cf_*`) hold 255 characters (Freshdesk's custom field limits). */
export const FRESHDESK_TEXT_FIELD_MAX = 255;
/**
 * Default `descriptionMaxLength` of `freshdeskTicket`: the longest HTML description, in UTF-16
 * units (our bound: Freshdesk documents none for `description`; this keeps a ticket readable).
 */
export const DEFAULT_TICKET_DESCRIPTION_LENGTH = 50_000;
/** Default `descriptionMaxLength` of `freshdeskWidget`: the longest prefilled transcript (a textarea the user reviews). */
export const DEFAULT_WIDGET_DESCRIPTION_LENGTH = 10_000;
/** Default `widgetTimeoutMs` of `freshdeskWidget`: how long to wait for the widget script, in milliseconds. */
export const DEFAULT_WIDGET_TIMEOUT_MS = 3_000;
/** Default per-request timeout of `freshdeskTicket`, in ms. */
export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;
/** How many of the requester's latest tickets one `find` look reads (Freshdesk's largest page, `per_page` 100). */
export const LOOKUP_PAGE = 100;
