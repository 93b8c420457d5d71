import { EscalationError, renderTranscript, titleFromContext, truncateText, type EscalationAdapter, type EscalationContext } from '@pillar/escalation-core';
import { positiveInt } from './config';
import { checkFieldId, checkFieldMap, checkTags, mapFields, resolveTags, userName, type ZendeskFieldMap, type ZendeskTags } from './mapping';
import type { ZendeskContactFormField, ZendeskWebWidgetPayload } from './payloads';
import { DEFAULT_WIDGET_TIMEOUT_MS, openZendeskWidget } from './widget';

/**
 * Default bound of the prefilled description, in UTF-16 units. It becomes the ticket's first
 * comment (about 65,000 characters at most); the rest leaves room for what the user adds.
 */
export const DEFAULT_WEB_WIDGET_DESCRIPTION_LENGTH = 50_000;
/** Default bound of the prefilled subject. */
export const DEFAULT_SUBJECT_LENGTH = 150;

/** Options of {@link zendeskWebWidget}. */
export interface ZendeskWebWidgetOptions {
  /** Custom ticket fields of the contact form to prefill (ids from Admin Center). @defaultValue none */
  fields?: ZendeskFieldMap;
  /**
   * Tags the contact form adds to the ticket.
   * @defaultValue `defaultZendeskTags`: `['pillar-escalation', 'reason-<reason>']`
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

const NAME = 'zendeskWebWidget';

/**
 * The Classic Web Widget, in the browser: identifies the user, prefills name and email, prefills
 * the contact form's description with the transcript (plus subject, custom fields and tags), and
 * opens it.
 */
export function zendeskWebWidget(options: ZendeskWebWidgetOptions = {}): EscalationAdapter<ZendeskWebWidgetPayload> {
  if (typeof options !== 'object' || options === null) throw new EscalationError('CONFIGURATION', `${NAME}: options must be an object`);
  checkFieldMap(options.fields, NAME);
  checkTags(options.tags, NAME);
  const descriptionMaxLength = positiveInt(options.descriptionMaxLength, DEFAULT_WEB_WIDGET_DESCRIPTION_LENGTH, 'descriptionMaxLength', NAME, 65_000);
  const subjectMaxLength = positiveInt(options.subjectMaxLength, DEFAULT_SUBJECT_LENGTH, 'subjectMaxLength', NAME, 255);
  const timeoutMs = positiveInt(options.widgetTimeoutMs, DEFAULT_WIDGET_TIMEOUT_MS, 'widgetTimeoutMs', NAME, 60_000);
  const confirmOpen = options.confirmOpen ?? true;
  const prefillSubject = options.prefillSubject ?? true;
  const readOnly = options.readOnlyIdentity ?? false;
  const { fields, tags } = options;

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
        formFields.push({ id: checkFieldId(field.id, field.source, NAME), prefill: { '*': truncateText(String(field.value), descriptionMaxLength) } });
      }
      const payload: ZendeskWebWidgetPayload = {
        settings: { webWidget: { contactForm: { fields: formFields, tags: resolveTags(tags, context) } } },
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
