import {
  defineOptions,
  int,
  oneOf,
  renderTranscript,
  resolveOption,
  string,
  titleFromContext,
  type OptionFieldsFor,
  type OptionFields,
  type OptionsDeclaration,
  type EscalationAdapter,
  type EscalationContext,
  type Redactor,
  type Scalar,
} from '@pillar/escalation-core';
import { DEFAULT_DESCRIPTION_LENGTH, DEFAULT_TICKET_TITLE_LENGTH } from './limits';
import { attributesField, redactField } from './option-fields';
import { intercomClient, resolveRestOptions, REST_FIELDS, type IntercomRestOptions } from './rest/client';
import { contactLookup } from './rest/identify';
import { findByToken } from './rest/find';
import { checkKey, keyToken, referenceLine, REFERENCE_LINE_LENGTH } from './rest/key-token';

export { DEFAULT_TICKET_TITLE_LENGTH } from './limits';
/** The default bound of the ticket description, in UTF-16 units. */
export const DEFAULT_TICKET_DESCRIPTION_LENGTH = DEFAULT_DESCRIPTION_LENGTH;

const DEFAULT_TITLE = 'Help requested from the assistant';

export interface IntercomTicketOptions extends IntercomRestOptions {
  /** The ticket type to create (Settings → Tickets → Ticket types; its id in the URL or from `GET /ticket_types`). Required. */
  ticketTypeId: string;
  /**
   * How the ticket names its contact: `external_id` (`user.id`; the contact must already exist
   * in Intercom, e.g. the user booted the Messenger with `user_id`) or `email` (Intercom
   * creates the contact when none has the email). When the preferred field is missing, the
   * other is used.
   * @defaultValue 'external_id'
   */
  identifyBy?: 'external_id' | 'email';
  /**
   * More ticket attributes, by name (the ticket type's own attributes). `_default_title_` and
   * `_default_description_` are set by the adapter.
   * @defaultValue undefined (none)
   */
  attributes?: Record<string, Scalar> | ((context: EscalationContext) => Record<string, Scalar> | undefined);
  /** The longest title (the ticket's subject), in UTF-16 units, at least 20 (the first user message, on one line, cut at a word). @defaultValue 150 */
  subjectMaxLength?: number;
  /**
   * The longest title.
   * @deprecated Renamed `subjectMaxLength`, the one name in every adapter. Removed in the next minor version.
   */
  maxTitleLength?: number;
  /** The longest description (the plain-text transcript), in UTF-16 units, at least 200. @defaultValue 10_000 */
  descriptionMaxLength?: number;
  /**
   * The longest description.
   * @deprecated Renamed `descriptionMaxLength`, the one name in every adapter. Removed in the next minor version.
   */
  maxDescriptionLength?: number;
  /** Masks card numbers and secrets in the title and the description; `false` sends them as typed. @defaultValue core's `defaultRedactor`, or none when the registry already redacted the context with its `REDACTOR` */
  redact?: Redactor | false;
}

/** The body of `POST /tickets`. */
export interface IntercomTicketPayload {
  /** The `ticketTypeId` option: the type of ticket to create. */
  ticket_type_id: string;
  /** The one contact the ticket is for (Intercom currently allows only one), by `identifyBy`. */
  contacts: [
    | {
        /** The context's `user.id`: the `external_id` of an existing Intercom contact. */
        external_id: string;
      }
    | {
        /** The context's `user.email`; Intercom creates the contact when none has this email. */
        email: string;
      },
  ];
  /** The ticket type's attributes by name: the adapter's title and description, plus the `attributes` option. */
  ticket_attributes: {
    /** The title: the first user message on one line, cut at a word to `subjectMaxLength` (a fixed sentence when there is none). */
    _default_title_: string;
    /**
     * The description: the plain-text transcript, cut to leave room within `descriptionMaxLength`
     * for the line `deliver` appends (`Reference: pillar…`, the key's token that `find` searches for).
     */
    _default_description_: string;
  } & Record<string, Scalar>;
}

declare module '@pillar/escalation-core' {
  interface AdapterPayloads {
    /** The payload of the Intercom ticket adapter: {@link IntercomTicketPayload}. */
    'intercom-ticket': IntercomTicketPayload;
  }
}

interface CreatedTicket {
  id?: unknown;
  ticket_id?: unknown;
}

const NAME = 'intercom-ticket';
const attributes = attributesField(['_default_title_', '_default_description_']);

const OPTIONS = defineOptions(
  NAME,
  {
    ...REST_FIELDS,
    ticketTypeId: string({ required: true, pattern: /\S/, expects: 'the id of one of your ticket types' }),
    identifyBy: oneOf(['external_id', 'email'], { default: 'external_id' }),
    attributes,
    subjectMaxLength: int({ min: 20, default: DEFAULT_TICKET_TITLE_LENGTH }),
    descriptionMaxLength: int({ min: 200, default: DEFAULT_DESCRIPTION_LENGTH }),
    redact: redactField,
  } satisfies OptionFieldsFor<Omit<IntercomTicketOptions, 'maxTitleLength' | 'maxDescriptionLength'>>,
  { renamed: { maxTitleLength: 'subjectMaxLength', maxDescriptionLength: 'descriptionMaxLength' } },
);

/** The declared options of {@link intercomTicket}. */
export const INTERCOM_TICKET_OPTIONS: OptionsDeclaration<OptionFields> = OPTIONS;

/**
 * Creates an Intercom ticket of the configured type with the transcript as its description
 * (`POST /tickets`). Server only. Intercom takes no idempotency key for tickets either: a
 * create that may have reached it is not repeated (`details.ambiguous: true`). `deliver` ends
 * the description with the key's token, and `find` searches tickets of the type for it
 * (`POST /tickets/search`, `description ~ token`).
 */
export function intercomTicket(options: IntercomTicketOptions): EscalationAdapter<IntercomTicketPayload> {
  const o = OPTIONS.check(options);
  const rest = resolveRestOptions(o);
  const { identifyBy, subjectMaxLength: maxTitleLength, descriptionMaxLength: maxDescriptionLength } = o;
  const ticketTypeId = o.ticketTypeId.trim();
  const redact = o.redact === undefined ? {} : { redact: o.redact };

  return {
    kind: 'intercom-ticket',
    runtime: 'server',
    limits: {
      fields: {
        'ticket_attributes._default_title_': maxTitleLength,
        'ticket_attributes._default_description_': maxDescriptionLength,
      },
    },
    toPayload(context) {
      const lookup = contactLookup(context, 'intercomTicket');
      const byEmail = identifyBy === 'email' ? Boolean(lookup.email) : !lookup.external_id;
      const contact = byEmail ? { email: lookup.email as string } : { external_id: lookup.external_id as string };
      const extra = o.attributes === undefined ? undefined : resolveOption(NAME, 'attributes', o.attributes, context, attributes);
      return {
        ticket_type_id: ticketTypeId,
        contacts: [contact],
        ticket_attributes: {
          ...extra,
          _default_title_: titleFromContext(context, { maxLength: maxTitleLength, fallback: DEFAULT_TITLE, ...redact }),
          _default_description_: renderTranscript(context, { format: 'text', maxLength: maxDescriptionLength - REFERENCE_LINE_LENGTH, ...redact }),
        },
      };
    },
    async deliver(payload, { idempotencyKey, signal, container }) {
      const token = await keyToken(checkKey(idempotencyKey, 'intercomTicket'));
      const client = intercomClient(rest, { signal, container });
      const body: IntercomTicketPayload = {
        ...payload,
        ticket_attributes: { ...payload.ticket_attributes, _default_description_: `${payload.ticket_attributes._default_description_}${referenceLine(token)}` },
      };
      const { data } = await client.post<CreatedTicket>('/tickets', body, { safeToRetry: false });
      const id = typeof data?.id === 'string' ? data.id : undefined;
      return {
        status: 'created',
        ...(id ? { reference: { id } } : {}),
        ...(typeof data?.ticket_id === 'string' ? { data: { ticketId: data.ticket_id } } : {}),
      };
    },
    async find(idempotencyKey, _context, findOptions = {}) {
      const token = await keyToken(checkKey(idempotencyKey, 'intercomTicket'));
      return findByToken(
        rest,
        {
          path: '/tickets/search',
          body: {
            query: {
              operator: 'AND',
              value: [
                { field: 'ticket_type_id', operator: '=', value: ticketTypeId },
                { field: 'description', operator: '~', value: token },
              ],
            },
            pagination: { per_page: 5 },
          },
          list: 'tickets',
          what: 'ticket',
        },
        findOptions,
      );
    },
  };
}
