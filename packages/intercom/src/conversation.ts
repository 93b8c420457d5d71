import {
  defineOptions,
  int,
  renderTranscript,
  type OptionFieldsFor,
  type OptionFields,
  type OptionsDeclaration,
  type EscalationAdapter,
  type EscalationContext,
  type Redactor,
} from '@pillar/escalation-core';
import { DEFAULT_DESCRIPTION_LENGTH } from './limits';
import { redactField } from './option-fields';
import { intercomClient, resolveRestOptions, REST_FIELDS, type IntercomRestOptions } from './rest/client';
import { findByToken } from './rest/find';
import { checkKey, keyToken, referenceLine, REFERENCE_LINE_LENGTH } from './rest/key-token';
import { findOrCreateContact, type IntercomContactLookup } from './rest/contacts';
import { contactLookup } from './rest/identify';

/** The default bound of the conversation body, in UTF-16 units (Intercom documents none; this stays readable). */
export const DEFAULT_CONVERSATION_BODY_LENGTH = DEFAULT_DESCRIPTION_LENGTH;

export interface IntercomConversationOptions extends IntercomRestOptions {
  /**
   * The longest conversation body, in UTF-16 units (at least 200); the transcript is cut by core's
   * `renderTranscript`, which keeps the first question and the latest messages.
   * @defaultValue 10_000
   */
  descriptionMaxLength?: number;
  /**
   * The longest conversation body.
   * @deprecated Renamed `descriptionMaxLength`, the one name in every adapter. Removed in the next minor version.
   */
  maxBodyLength?: number;
  /** Masks card numbers and secrets in the transcript; `false` sends it as typed. @defaultValue core's `defaultRedactor`, or none when the registry already redacted the context with its `REDACTOR` */
  redact?: Redactor | false;
}

const OPTIONS = defineOptions(
  'intercom-conversation',
  { ...REST_FIELDS, descriptionMaxLength: int({ min: 200, default: DEFAULT_DESCRIPTION_LENGTH }), redact: redactField } satisfies OptionFieldsFor<Omit<IntercomConversationOptions, 'maxBodyLength'>>,
  { renamed: { maxBodyLength: 'descriptionMaxLength' } },
);

/** The declared options of {@link intercomConversation}. */
export const INTERCOM_CONVERSATION_OPTIONS: OptionsDeclaration<OptionFields> = OPTIONS;

/** What `intercomConversation` sends: the contact to find or create, then the message body. */
export interface IntercomConversationPayload {
  /** Looked up by `external_id`, then `email`; created (`role: 'user'`) when neither matches. */
  contact: IntercomContactLookup;
  /**
   * The transcript as plain text (Intercom does not accept HTML here), cut to leave room for the
   * line `deliver` appends: `Reference: pillar…`, the escalation key's token, which `find`
   * searches for.
   */
  body: string;
}

declare module '@pillar/escalation-core' {
  interface AdapterPayloads {
    /** The payload of the Intercom conversation adapter: {@link IntercomConversationPayload}. */
    'intercom-conversation': IntercomConversationPayload;
  }
}

/** The answer of `POST /conversations` (a `user_message`). */
interface CreatedMessage {
  id?: unknown;
  conversation_id?: unknown;
}

/**
 * Starts an Intercom conversation from the user with the whole transcript: finds or creates
 * the contact (by `external_id` = `user.id`, else `user.email`), then `POST /conversations`.
 * Server only (the access token is a secret).
 *
 * Intercom takes no idempotency key for conversations: a create that may have reached it
 * (timeout, dropped connection, 5xx) is not repeated and fails with `details.ambiguous: true`.
 * `deliver` ends the body with the key's token (`Reference: pillar…`), and `find` searches
 * conversations for it (`POST /conversations/search`, `source.body ~ token`).
 */
export function intercomConversation(options: IntercomConversationOptions): EscalationAdapter<IntercomConversationPayload> {
  const o = OPTIONS.check(options);
  const rest = resolveRestOptions(o);
  const maxBodyLength = o.descriptionMaxLength;
  return {
    kind: 'intercom-conversation',
    runtime: 'server',
    limits: { fields: { body: maxBodyLength } },
    toPayload(context: EscalationContext): IntercomConversationPayload {
      return {
        contact: contactLookup(context, 'intercomConversation'),
        body: renderTranscript(context, { format: 'text', maxLength: maxBodyLength - REFERENCE_LINE_LENGTH, ...(o.redact === undefined ? {} : { redact: o.redact }) }),
      };
    },
    async deliver(payload, { idempotencyKey, signal, container }) {
      const token = await keyToken(checkKey(idempotencyKey, 'intercomConversation'));
      const client = intercomClient(rest, { signal, container });
      const contact = await findOrCreateContact(client, payload.contact);
      const { data } = await client.post<CreatedMessage>(
        '/conversations',
        { from: { type: contact.role, id: contact.id }, body: `${payload.body}${referenceLine(token)}` },
        { safeToRetry: false },
      );
      const conversationId = typeof data?.conversation_id === 'string' ? data.conversation_id : undefined;
      return {
        status: 'created',
        ...(conversationId ? { reference: { id: conversationId } } : {}),
        data: {
          contactId: contact.id,
          contactCreated: contact.created,
          ...(typeof data?.id === 'string' ? { messageId: data.id } : {}),
        },
      };
    },
    async find(idempotencyKey, _context, findOptions = {}) {
      const token = await keyToken(checkKey(idempotencyKey, 'intercomConversation'));
      // The token alone: it is unique to the key, and a contact filter would need a contact
      // search first, an index that lags too.
      return findByToken(
        rest,
        {
          path: '/conversations/search',
          body: { query: { field: 'source.body', operator: '~', value: token }, pagination: { per_page: 5 } },
          list: 'conversations',
          what: 'conversation',
        },
        findOptions,
      );
    },
  };
}
