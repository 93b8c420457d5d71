import { bool, defineOptions, group, int, transcriptRenderer, truncateText, type EscalationAdapter, type EscalationContext, type OptionFieldsFor, type OptionFields, type OptionsDeclaration } from '@pillar/escalation-core';
import { DEFAULT_MESSENGER_TRANSCRIPT_BYTES, DEFAULT_WIDGET_TIMEOUT_MS, MESSENGER_METADATA_BYTES, MESSENGER_VALUE_MAX_LENGTH, ZENDESK_COMMENT_MAX } from './limits';
import { mapFields, resolveTags, type ZendeskFieldMap, type ZendeskTags } from './mapping';
import { FIELD_MAP, requiredFieldId, tagsField } from './option-fields';
import type { ZendeskFieldId, ZendeskMessengerPayload } from './payloads';
import { fitUtf8, utf8Length } from './utf8';
import { openZendeskWidget } from './widget';

/** What all conversation fields together may take (Sunshine Conversations' 4 KB of metadata). */
const METADATA_BYTES = MESSENGER_METADATA_BYTES;
/** Room each field's key (`zen:ticket_field:<id>`) and JSON punctuation take. */
const FIELD_OVERHEAD_BYTES = 40;
/** The transcript never shrinks below this for the sake of other fields. */
const TRANSCRIPT_FLOOR_BYTES = 1_000;

/** Options of {@link zendeskMessenger}. */
export interface ZendeskMessengerOptions {
  /**
   * Custom ticket fields (ids from Admin Center) that receive the escalation. `transcript` is
   * required: Messaging has no composer prefill, so a conversation field is the only way the
   * agent sees the co-pilot conversation. Messaging only sets fields that are editable for end
   * users (a setting of each ticket field).
   */
  fields: ZendeskFieldMap & {
    /**
     * The custom ticket field that receives the plain-text transcript: a multi-line text field,
     * editable for end users. Required.
     */
    transcript: ZendeskFieldId;
  };
  /**
   * Conversation tags, fixed or from the context.
   * @defaultValue core's `defaultTags`: `['pillar-escalation', 'reason-<reason>']`
   */
  tags?: ZendeskTags;
  /**
   * Largest UTF-8 size of the transcript field; the transcript is cut by `renderTranscript`
   * (keeping the first question and the latest messages), never mid-character. It also shrinks
   * (to no less than 1,000 bytes) so that all conversation fields together stay within 4,000 bytes.
   * @defaultValue 3000
   */
  transcriptMaxBytes?: number;
  /**
   * How long to wait for `window.zE` to appear and for the widget to confirm it opened before
   * failing with `PROVIDER_UNAVAILABLE` (so the registry's fallback runs).
   * @defaultValue 3000
   */
  widgetTimeoutMs?: number;
  /**
   * Wait for the widget's `open` event. Set `false` if your page may call this while the widget
   * is already open (Zendesk sends no `open` event then); a blocked widget then goes unnoticed
   * once `zE` exists.
   * @defaultValue true
   */
  confirmOpen?: boolean;
}

const NAME = 'zendesk-messenger';

const OPTIONS = defineOptions(NAME, {
  fields: group({ ...FIELD_MAP, transcript: requiredFieldId }),
  tags: tagsField,
  transcriptMaxBytes: int({ max: ZENDESK_COMMENT_MAX, default: DEFAULT_MESSENGER_TRANSCRIPT_BYTES }),
  widgetTimeoutMs: int({ max: 60_000, default: DEFAULT_WIDGET_TIMEOUT_MS }),
  confirmOpen: bool({ default: true }),
} satisfies OptionFieldsFor<ZendeskMessengerOptions>);

/** The declared options of {@link zendeskMessenger}. */
export const ZENDESK_MESSENGER_OPTIONS: OptionsDeclaration<OptionFields> = OPTIONS;

/**
 * Zendesk Messaging (the current Web Widget), in the browser: sets the transcript and the mapped
 * facts as conversation fields, sets conversation tags, and opens the messenger.
 *
 * @example
 * ```ts
 * zendeskMessenger({ fields: { transcript: '360001', conversationId: '360002' } })
 * ```
 */
export function zendeskMessenger(options: ZendeskMessengerOptions): EscalationAdapter<ZendeskMessengerPayload> {
  const { fields, tags, transcriptMaxBytes: maxBytes, widgetTimeoutMs: timeoutMs, confirmOpen } = OPTIONS.check(options);
  const transcriptId = String(fields.transcript);

  return {
    kind: 'zendesk-messenger',
    runtime: 'browser',
    // A UTF-8 byte count is never below the UTF-16 length, so the byte budget bounds the length too.
    limits: { fields: { 'conversationFields[].value': Math.max(maxBytes, MESSENGER_VALUE_MAX_LENGTH) } },
    toPayload(context: EscalationContext): ZendeskMessengerPayload {
      const others = mapFields(fields, context).map((field) => ({
        id: String(field.id),
        value: typeof field.value === 'string' ? truncateText(field.value, MESSENGER_VALUE_MAX_LENGTH) : field.value,
      }));
      // The transcript takes what the other fields leave of the metadata budget, up to its own bound.
      const othersBytes = others.reduce((sum, field) => sum + utf8Length(String(field.value)) + FIELD_OVERHEAD_BYTES, FIELD_OVERHEAD_BYTES);
      const budget = Math.min(maxBytes, Math.max(TRANSCRIPT_FLOOR_BYTES, METADATA_BYTES - othersBytes));
      const transcript = fitUtf8(transcriptRenderer(context, { format: 'text' }), budget);
      return { conversationFields: [{ id: transcriptId, value: transcript }, ...others], conversationTags: resolveTags(NAME, tags, context) };
    },
    async deliver(payload, { signal }) {
      await openZendeskWidget({
        widget: 'Zendesk Messaging widget',
        timeoutMs,
        signal,
        confirmOpen,
        send(zE, onOpen) {
          zE('messenger:set', 'conversationFields', payload.conversationFields);
          zE('messenger:set', 'conversationTags', payload.conversationTags);
          // Newer widgets return an unsubscribe function; older ones return nothing.
          const off = confirmOpen ? zE('messenger:on', 'open', onOpen) : undefined;
          zE('messenger', 'open');
          return typeof off === 'function' ? (off as () => void) : undefined;
        },
        cancel(zE) {
          zE('messenger', 'close');
        },
      });
      return { status: 'opened' };
    },
  };
}
