/**
 * Freshdesk's numeric ticket enums (Tickets API v2). Named constants so app code reads
 * `FRESHDESK_PRIORITY.high` instead of a bare `3`.
 */
export const FRESHDESK_STATUS = { open: 2, pending: 3, resolved: 4, closed: 5 } as const;
export const FRESHDESK_PRIORITY = { low: 1, medium: 2, high: 3, urgent: 4 } as const;
export const FRESHDESK_SOURCE = {
  email: 1,
  portal: 2,
  phone: 3,
  chat: 7,
  feedbackWidget: 9,
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
