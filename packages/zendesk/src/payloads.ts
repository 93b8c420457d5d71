/** A Zendesk custom ticket field id, as Admin Center shows it (e.g. `360001234567`). */
export type ZendeskFieldId = string | number;

/** A value a custom ticket field takes (text, number, checkbox; a drop-down takes an option's tag). */
export type ZendeskFieldValue = string | number | boolean;

/** What `zendeskMessenger` sends to the Messaging widget. */
export interface ZendeskMessengerPayload {
  /**
   * For `zE('messenger:set', 'conversationFields', ...)`; the transcript comes first. Messaging
   * applies them to the conversation once the user starts it or sends a message in it.
   */
  conversationFields: {
    /**
     * The custom ticket field id, as a string of digits. Messaging sets only fields that are
     * editable for end users; system fields such as priority cannot be set this way.
     */
    id: string;
    /**
     * The field's value: for the transcript field, the plain-text transcript, at most
     * `transcriptMaxBytes` of UTF-8; for the mapped facts, one line of at most 500 characters, or
     * the number or boolean as it is. All values together
     * stay within the 4 KB that Sunshine Conversations allows a conversation's metadata.
     */
    value: ZendeskFieldValue;
  }[];
  /** For `zE('messenger:set', 'conversationTags', ...)`. */
  conversationTags: string[];
}

/** One field of the Classic widget's contact form to prefill. */
export interface ZendeskContactFormField {
  /** `description`, `subject`, or a custom ticket field id. */
  id: 'description' | 'subject' | number;
  /**
   * The field's prefilled text, under Zendesk's `'*'` key (every locale). The adapter sends no
   * per-locale text: the transcript and the mapped facts are the same in every language.
   */
  prefill: {
    /**
     * The text shown in the field whatever the widget's locale. The adapter puts the plain-text
     * transcript in `description`, the first user message in `subject`, and each mapped fact (as
     * text) in its custom field.
     */
    '*': string;
  };
}

/** What `zendeskWebWidget` sends to the Classic Web Widget. */
export interface ZendeskWebWidgetPayload {
  /** For `zE('webWidget', 'identify', ...)`; absent when the user has neither name nor email. */
  identify?: {
    /** `context.user.name` on one line, at most 255 characters; absent when unknown. */
    name?: string;
    /** `context.user.email`, trimmed; absent when unknown. */
    email?: string;
  };
  /** For `zE('webWidget', 'prefill', ...)`; absent when the user has neither name nor email. */
  prefill?: {
    /** The contact form's name field; absent when the user's name is unknown. */
    name?: {
      /** The user's name, the same text as `identify.name`. */
      value: string;
      /** Whether the user may not edit it: the `readOnlyIdentity` option (default `false`). */
      readOnly: boolean;
    };
    /** The contact form's email field; absent when the user's email is unknown. */
    email?: {
      /** The user's email, the same text as `identify.email`. */
      value: string;
      /** Whether the user may not edit it: the `readOnlyIdentity` option (default `false`). */
      readOnly: boolean;
    };
  };
  /** For `zE('webWidget', 'updateSettings', ...)`: the contact form prefill and tags. */
  settings: {
    /** The Classic widget's `webWidget` settings object; only its contact form is touched. */
    webWidget: {
      /** Settings of the widget's contact form (the "Contact us" form that submits a ticket). */
      contactForm: {
        /**
         * The fields to prefill: `description` (the transcript) first, then `subject` unless
         * `prefillSubject` is `false`, then the mapped custom fields in a stable order.
         */
        fields: ZendeskContactFormField[];
        /**
         * Tags for the ticket the form submits, sent as the contact form's `tags` setting: the
         * `tags` option, lower-cased, whitespace turned into `_`, repeats dropped.
         */
        tags?: string[];
      };
    };
  };
}

/** What `zendeskRequest` POSTs to `/api/v2/requests`. */
export interface ZendeskRequestPayload {
  /** The Requests API's `request` object (Zendesk's spec publishes no schema for this body). */
  request: {
    /** The request's subject: the first user message, one line, cut at a word to `subjectMaxLength` (default 150). */
    subject: string;
    /** Plain text: the Requests API takes `body`; the transcript goes here. */
    comment: {
      /**
       * The plain-text transcript, at most `commentMaxLength` UTF-16 units (default 60,000;
       * a Zendesk comment holds about 65,000 characters).
       */
      body: string;
    };
    /** Who asks: an anonymous request is answered by email, so the email is required. */
    requester: {
      /**
       * `context.user.name` on one line, at most 255 characters; else the part of the email
       * before `@`, so a name is always sent.
       */
      name: string;
      /** `context.user.email`, trimmed; a context without a plausible address is `INVALID_CONTEXT`. */
      email: string;
    };
  };
}

/** Ticket priority. */
export type ZendeskPriority = 'urgent' | 'high' | 'normal' | 'low';
/** Ticket type. */
export type ZendeskTicketType = 'problem' | 'incident' | 'question' | 'task';

/** What `zendeskTicket` POSTs to the Tickets API. */
export interface ZendeskTicketPayload {
  /** The Tickets API's `ticket` object (`TicketObject` in Zendesk's OpenAPI spec). */
  ticket: {
    /** Zendesk `subject`: the first user message, one line, cut at a word to `subjectMaxLength` (default 150). */
    subject: string;
    /** The first comment (the ticket's description): the escaped HTML transcript. */
    comment: {
      /**
       * Zendesk `comment.html_body` (the comment formatted as HTML): the transcript rendered as
       * HTML with every character from the conversation escaped, at most `commentMaxLength`
       * UTF-16 units (default 60,000; a comment holds about 65,000 characters).
       */
      html_body: string;
      /**
       * Zendesk `comment.public`: `true` for a public comment, `false` for an internal note.
       * Zendesk keeps the value set on creation for later comments unless they change it. The
       * `publicComment` option; default `false`.
       */
      public: boolean;
    };
    /**
     * Zendesk `requester` as a user object. When no user has this email, Zendesk may create one,
     * depending on account settings. Without a requester the ticket would belong to the API user.
     */
    requester: {
      /** The user's name: `context.user.name` on one line, at most 255 characters; absent when unknown. */
      name?: string;
      /** `context.user.email`, trimmed; required (a context without it is `INVALID_CONTEXT`). */
      email: string;
      /** The user's locale (e.g. `en-US`): `context.user.locale`, trimmed, sent as given; absent when unknown. */
      locale?: string;
    };
    /** Tags of the new ticket (Zendesk lower-cases them; spaces would split one tag into two). */
    tags: string[];
    /** Zendesk `custom_fields`: the facts `mapping.fields` names that the context has; absent when none. */
    custom_fields?: {
      /** The custom ticket field's numeric id. */
      id: number;
      /**
       * The value to set: one line of text (text fields; a drop-down takes an option's tag), a
       * number, or a boolean (checkbox), as the context holds it.
       */
      value: ZendeskFieldValue;
    }[];
    /**
     * Zendesk `external_id`: absent from `toPayload`'s result by default, because `deliver` sets it
     * to the escalation's idempotency key (so `find` can look the ticket up); the result of
     * `mapping.externalId` when that is a function.
     */
    external_id?: string;
    /** Zendesk `priority`: the `priority` option; absent to keep the account's default. */
    priority?: ZendeskPriority;
    /** Zendesk `type`: the `type` option; absent when not set. */
    type?: ZendeskTicketType;
    /** Zendesk `ticket_form_id` (the spec marks ticket forms Enterprise only): the `ticketFormId` option; absent for the default form. */
    ticket_form_id?: number;
    /** Zendesk `brand_id`, the brand the ticket belongs to: the `brandId` option; absent for the default brand. */
    brand_id?: number;
  };
}

declare module '@pillar/escalation-core' {
  interface AdapterPayloads {
    /** The payload of the Messaging adapter: {@link ZendeskMessengerPayload}. */
    'zendesk-messenger': ZendeskMessengerPayload;
    /** The payload of the Classic Web Widget adapter: {@link ZendeskWebWidgetPayload}. */
    'zendesk-web-widget': ZendeskWebWidgetPayload;
    /** The payload of the anonymous Requests API adapter: {@link ZendeskRequestPayload}. */
    'zendesk-request': ZendeskRequestPayload;
    /** The payload of the server Tickets API adapter: {@link ZendeskTicketPayload}. */
    'zendesk-ticket': ZendeskTicketPayload;
  }
}
