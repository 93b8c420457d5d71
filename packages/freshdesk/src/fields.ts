// Freshdesk's ticket enums are numbers (Tickets API v2): named constants let app code read
// `FRESHDESK_PRIORITY.high` instead of a bare `3`.

/** Freshdesk ticket `status` codes, for `freshdeskTicket({ status })`. */
export const FRESHDESK_STATUS = {
  /** `2`: open; the status `freshdeskTicket` gives a new ticket unless told otherwise. */
  open: 2,
  /** `3`: pending. */
  pending: 3,
  /** `4`: resolved. */
  resolved: 4,
  /** `5`: closed. */
  closed: 5,
} as const;

/** Freshdesk ticket `priority` codes, for the `priority` option of both adapters. */
export const FRESHDESK_PRIORITY = {
  /** `1`: low; Freshdesk's own default, and `freshdeskTicket`'s. */
  low: 1,
  /** `2`: medium. */
  medium: 2,
  /** `3`: high. */
  high: 3,
  /** `4`: urgent. */
  urgent: 4,
} as const;

/** Freshdesk ticket `source` codes (the channel a ticket shows as coming from), for `freshdeskTicket({ source })`. */
export const FRESHDESK_SOURCE = {
  /** `1`: email. */
  email: 1,
  /** `2`: the support portal. */
  portal: 2,
  /** `3`: phone. */
  phone: 3,
  /** `7`: chat; what `freshdeskTicket` sends unless told otherwise. */
  chat: 7,
  /** `9`: feedback widget. */
  feedbackWidget: 9,
  /** `10`: outbound email. */
  outboundEmail: 10,
} as const;

/** 2 open, 3 pending, 4 resolved, 5 closed. */
export type FreshdeskStatus = (typeof FRESHDESK_STATUS)[keyof typeof FRESHDESK_STATUS];
/** 1 low, 2 medium, 3 high, 4 urgent. */
export type FreshdeskPriority = (typeof FRESHDESK_PRIORITY)[keyof typeof FRESHDESK_PRIORITY];
/** 1 email, 2 portal, 3 phone, 7 chat, 9 feedback widget, 10 outbound email. */
export type FreshdeskSource = (typeof FRESHDESK_SOURCE)[keyof typeof FRESHDESK_SOURCE];

/** A value Freshdesk stores in a custom field (`cf_*`). */
export type FreshdeskFieldValue = string | number | boolean;
