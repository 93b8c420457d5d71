import { bool, defineOptions, group, int, renderTranscript, titleFromContext, truncateText, type EscalationAdapter, type EscalationContext, type OptionFieldsFor, type OptionFields, type OptionsDeclaration } from '@pillar/escalation-core';
import { DEFAULT_SUBJECT_LENGTH, DEFAULT_WEB_WIDGET_DESCRIPTION_LENGTH, DEFAULT_WIDGET_TIMEOUT_MS, ZENDESK_COMMENT_MAX, ZENDESK_SUBJECT_MAX } from './limits';
import { mapFields, resolveTags, userName, type ZendeskFieldMap, type ZendeskTags } from './mapping';
import { FIELD_MAP, tagsField } from './option-fields';
import type { ZendeskContactFormField, ZendeskWebWidgetPayload } from './payloads';
import { openZendeskWidget } from './widget';


/** Options of {@link zendeskWebWidget}. */
export interface ZendeskWebWidgetOptions {
  /** Custom ticket fields of the contact form to prefill (ids from Admin Center). @defaultValue none */
  fields?: ZendeskFieldMap;
  /**
   * Tags the contact form adds to the ticket, fixed or from the context.
   * @defaultValue core's `defaultTags`: `['pillar-escalation', 'reason-<reason>']`
   */
  tags?: ZendeskTags;
  /**
   * Longest prefilled description (the transcript), in UTF-16 units; cut by `renderTranscript`.
   * @defaultValue 50000
   */
  descriptionMaxLength?: number;
  /**
   * Prefill the subject with the user's first question (when the form shows a subject field).
   * @defaultValue true
   */
  prefillSubject?: boolean;
  /** Longest prefilled subject. @defaultValue 150 */
  subjectMaxLength?: number;
  /** Make the prefilled name and email read-only in the form. @defaultValue false */
  readOnlyIdentity?: boolean;
  /**
   * How long to wait for `window.zE` to appear and for the widget to confirm it opened before
   * failing with `PROVIDER_UNAVAILABLE` (so the registry's fallback runs).
   * @defaultValue 3000
   */
  widgetTimeoutMs?: number;
  /**
   * Wait for the widget's `open` event. Set `false` if the widget may already be open when the
   * user escalates (no `open` event comes then).
   * @defaultValue true
   */
  confirmOpen?: boolean;
}

const NAME = 'zendesk-web-widget';

const OPTIONS = defineOptions(NAME, {
  fields: group(FIELD_MAP),
  tags: tagsField,
  descriptionMaxLength: int({ max: ZENDESK_COMMENT_MAX, default: DEFAULT_WEB_WIDGET_DESCRIPTION_LENGTH }),
  prefillSubject: bool({ default: true }),
  subjectMaxLength: int({ max: ZENDESK_SUBJECT_MAX, default: DEFAULT_SUBJECT_LENGTH }),
  readOnlyIdentity: bool({ default: false }),
  widgetTimeoutMs: int({ max: 60_000, default: DEFAULT_WIDGET_TIMEOUT_MS }),
  confirmOpen: bool({ default: true }),
} satisfies OptionFieldsFor<ZendeskWebWidgetOptions>);

/** The declared options of {@link zendeskWebWidget}. */
export const ZENDESK_WEB_WIDGET_OPTIONS: OptionsDeclaration<OptionFields> = OPTIONS;

/**
 * The Classic Web Widget, in the browser: identifies the user, prefills name and email, prefills
 * the contact form's description with the transcript (plus subject, custom fields and tags), and
 * opens it.
 */
export function zendeskWebWidget(options: ZendeskWebWidgetOptions = {}): EscalationAdapter<ZendeskWebWidgetPayload> {
  const o = OPTIONS.check(options);
  const { fields, tags, descriptionMaxLength, subjectMaxLength, widgetTimeoutMs: timeoutMs, confirmOpen, prefillSubject, readOnlyIdentity: readOnly } = o;

  return {
    kind: 'zendesk-web-widget',
    runtime: 'browser',
    limits: { fields: { 'settings.webWidget.contactForm.fields[].prefill.*': descriptionMaxLength } },
    toPayload(context: EscalationContext): ZendeskWebWidgetPayload {
      const name = userName(context);
      const email = context.user?.email?.trim() || undefined;
      const formFields: ZendeskContactFormField[] = [
        { id: 'description', prefill: { '*': renderTranscript(context, { format: 'text', maxLength: descriptionMaxLength }) } },
      ];
      if (prefillSubject) formFields.push({ id: 'subject', prefill: { '*': titleFromContext(context, { maxLength: subjectMaxLength }) } });
      for (const field of mapFields(fields, context)) {
        formFields.push({ id: Number(field.id), prefill: { '*': truncateText(String(field.value), descriptionMaxLength) } });
      }
      const payload: ZendeskWebWidgetPayload = {
        settings: { webWidget: { contactForm: { fields: formFields, tags: resolveTags(NAME, tags, context) } } },
      };
      if (name || email) {
        payload.identify = { ...(name ? { name } : {}), ...(email ? { email } : {}) };
        payload.prefill = {
          ...(name ? { name: { value: name, readOnly } } : {}),
          ...(email ? { email: { value: email, readOnly } } : {}),
        };
      }
      return payload;
    },
    async deliver(payload, { signal }) {
      await openZendeskWidget({
        widget: 'Zendesk Web Widget (Classic)',
        timeoutMs,
        signal,
        confirmOpen,
        send(zE, onOpen) {
          if (payload.identify) zE('webWidget', 'identify', payload.identify);
          if (payload.prefill) zE('webWidget', 'prefill', payload.prefill);
          zE('webWidget', 'updateSettings', payload.settings);
          // The Classic widget offers no unsubscribe: a late event after we settled is ignored.
          if (confirmOpen) zE('webWidget:on', 'open', onOpen);
          zE('webWidget', 'open');
          return undefined;
        },
        cancel(zE) {
          zE('webWidget', 'close');
        },
      });
      return { status: 'opened' };
    },
  };
}
