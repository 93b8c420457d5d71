/** A Zendesk custom ticket field id, as Admin Center shows it (e.g. `360001234567`). */
export type ZendeskFieldId = string | number;

/** A value a custom ticket field takes (text, number, checkbox; a drop-down takes an option's tag). */
export type ZendeskFieldValue = string | number | boolean;

/** What `zendeskMessenger` sends to the Messaging widget. */
export interface ZendeskMessengerPayload {
  /** For `zE('messenger:set', 'conversationFields', ...)`; the transcript comes first. */
  conversationFields: { id: string; value: ZendeskFieldValue }[];
  /** For `zE('messenger:set', 'conversationTags', ...)`. */
  conversationTags: string[];
}

/** One field of the Classic widget's contact form to prefill. */
export interface ZendeskContactFormField {
  /** `description`, `subject`, or a custom ticket field id. */
  id: 'description' | 'subject' | number;
  /** Text per locale; `*` is every locale. */
  prefill: { '*': string };
}

/** What `zendeskWebWidget` sends to the Classic Web Widget. */
export interface ZendeskWebWidgetPayload {
  /** For `zE('webWidget', 'identify', ...)`; absent when the user has neither name nor email. */
  identify?: { name?: string; email?: string };
  /** For `zE('webWidget', 'prefill', ...)`; absent when the user has neither name nor email. */
  prefill?: {
    name?: { value: string; readOnly: boolean };
    email?: { value: string; readOnly: boolean };
  };
  /** For `zE('webWidget', 'updateSettings', ...)`: the contact form prefill and tags. */
  settings: {
    webWidget: { contactForm: { fields: ZendeskContactFormField[]; tags?: string[] } };
  };
}

/** What `zendeskRequest` POSTs to `/api/v2/requests`. */
export interface ZendeskRequestPayload {
  request: {
    subject: string;
    /** Plain text: the Requests API takes `body`; the transcript goes here. */
    comment: { body: string };
    requester: { name: string; email: string };
  };
}

/** Ticket priority. */
export type ZendeskPriority = 'urgent' | 'high' | 'normal' | 'low';
/** Ticket type. */
export type ZendeskTicketType = 'problem' | 'incident' | 'question' | 'task';

/** What `zendeskTicket` POSTs to the Tickets API. */
export interface ZendeskTicketPayload {
  ticket: {
    subject: string;
    /** The first comment (the ticket's description): the escaped HTML transcript. */
    comment: { html_body: string; public: boolean };
    requester: { name?: string; email: string; locale?: string };
    /** Tags of the new ticket (Zendesk lower-cases them; spaces would split one tag into two). */
    tags: string[];
    custom_fields?: { id: number; value: ZendeskFieldValue }[];
    external_id?: string;
    priority?: ZendeskPriority;
    type?: ZendeskTicketType;
    ticket_form_id?: number;
    brand_id?: number;
  };
}

declare module '@pillar/escalation-core' {
  interface AdapterPayloads {
    'zendesk-messenger': ZendeskMessengerPayload;
    'zendesk-web-widget': ZendeskWebWidgetPayload;
    'zendesk-request': ZendeskRequestPayload;
    'zendesk-ticket': ZendeskTicketPayload;
  }
}
