import {
  EscalationError,
  bool,
  defineOptions,
  int,
  list,
  oneOf,
  string,
  type OptionFieldsFor,
  type OptionFields,
  type OptionsDeclaration,
  renderTranscript,
  throwIfAborted,
  type DeliverOptions,
  type Delivery,
  type EscalationAdapter,
  type EscalationContext,
} from '@pillar/escalation-core';
import { FRESHDESK_PRIORITY, type FreshdeskFieldValue, type FreshdeskPriority } from './fields';
import { userIdentity } from './identity';
import { DEFAULT_WIDGET_DESCRIPTION_LENGTH, DEFAULT_WIDGET_TIMEOUT_MS, FRESHDESK_SUBJECT_MAX } from './limits';
import { customFieldsFor, fieldsField, type FreshdeskFieldMapping } from './mapping';
import { subjectField, subjectFor, type FreshdeskSubject } from './subject';
import { waitForFreshworksWidget, type FreshworksWindow } from './widget-ready';

/** Options of {@link freshdeskWidget}. */
export interface FreshdeskWidgetOptions {
  /**
   * The ticket form to prefill, for accounts with several forms (Admin → Help Widget → the
   * form's id). Sent as `{ formId }`, the fourth argument of `prefill`.
   * @defaultValue the widget's default form
   */
  formId?: number;
  /** Which custom fields (`cf_…`) receive the reason, plan, conversation id, page URL, … @defaultValue none */
  fields?: FreshdeskFieldMapping;
  /**
   * Which custom fields receive which facts.
   * @deprecated Renamed `fields`, the one name in every adapter. Removed in the next minor version.
   */
  mapping?: FreshdeskFieldMapping;
  /** The ticket subject: fixed, or built from the context. @defaultValue the first user message, one line, ≤ 255 characters */
  subject?: FreshdeskSubject;
  /** Prefills the form's priority (1 low … 4 urgent). @defaultValue not prefilled */
  priority?: FreshdeskPriority;
  /** Prefills the ticket type (one of the account's types, e.g. `Question`). @defaultValue not prefilled */
  type?: string;
  /** Prefills the group the ticket goes to. @defaultValue not prefilled */
  groupId?: number;
  /**
   * Form fields to hide after prefilling (`FreshworksWidget('hide', 'ticketForm', fields)`),
   * e.g. `['name', 'email']` once they are identified, or `['custom_fields.cf_conversation_id']`.
   * @defaultValue none
   */
  hide?: string[];
  /**
   * Identify the user with `FreshworksWidget('identify', 'ticketForm', { name, email })`. Turn
   * off when the app signs users in with `FreshworksWidget('authenticate', { token })` itself.
   * @defaultValue true
   */
  identify?: boolean;
  /** The longest description (the plain-text transcript), in UTF-16 units (at least 200). @defaultValue 10_000 */
  descriptionMaxLength?: number;
  /**
   * The longest description.
   * @deprecated Renamed `descriptionMaxLength`, the one name in every adapter. Removed in the next minor version.
   */
  maxDescriptionLength?: number;
  /**
   * How long to wait for the widget script to load before failing with
   * `PROVIDER_UNAVAILABLE` (so the registry's fallback can run), in ms (at most 60,000; `0` looks once).
   * @defaultValue 3_000
   */
  widgetTimeoutMs?: number;
}

/** What {@link freshdeskWidget} hands to the Help Widget. */
export interface FreshdeskWidgetPayload {
  /** Arguments of `identify`; absent when the user has neither a name nor an email that is not blank (or `identify: false`). */
  identify?: {
    /** The form's name field: `context.user.name`, trimmed and cut to 255 characters, as the ticket adapter sends it; absent when unknown or blank. */
    name?: string;
    /** The form's email field: `context.user.email`, trimmed; absent when unknown or blank. */
    email?: string;
  };
  /** Arguments of `prefill`. `description` is plain text: the form shows it in a textarea. */
  prefill: {
    /**
     * The form's `subject`: the `subject` option, else the first user message; one line, at most
     * {@link FRESHDESK_SUBJECT_MAX} characters.
     */
    subject: string;
    /** The form's `description`: the plain-text transcript, at most `descriptionMaxLength` UTF-16 units (default 10,000). */
    description: string;
    /**
     * The form's `custom_fields`, keyed by API name (`cf_…`): the facts `mapping` names that the
     * context has, text cut to {@link FRESHDESK_TEXT_FIELD_MAX} characters; absent when none apply.
     */
    custom_fields?: Record<string, FreshdeskFieldValue>;
    /** The form's `priority` (1 low … 4 urgent): the `priority` option; absent to leave the form's default. */
    priority?: FreshdeskPriority;
    /** The form's ticket `type` (one of the account's type names): the `type` option; absent when not set. */
    type?: string;
    /** The form's `group_id`: the `groupId` option; absent when not set. */
    group_id?: number;
  };
  /**
   * Which of the widget's ticket forms to prefill: the `formId` option, passed as `{ formId }`, the
   * fourth argument of `prefill`; absent for the widget's default form.
   */
  formId?: number;
  /** Fields to hide after prefilling. */
  hide?: string[];
}

declare module '@pillar/escalation-core' {
  interface AdapterPayloads {
    /** The payload of the Help Widget adapter: {@link FreshdeskWidgetPayload}. */
    'freshdesk-widget': FreshdeskWidgetPayload;
  }
}

export { DEFAULT_WIDGET_DESCRIPTION_LENGTH, DEFAULT_WIDGET_TIMEOUT_MS } from './limits';

const OPTIONS = defineOptions(
  'freshdesk-widget',
  {
    formId: int(),
    fields: fieldsField,
    subject: subjectField,
    priority: oneOf(Object.values(FRESHDESK_PRIORITY)),
    type: string(),
    groupId: int(),
    hide: list(string({ expects: 'a field name' })),
    identify: bool({ default: true }),
    descriptionMaxLength: int({ min: 200, default: DEFAULT_WIDGET_DESCRIPTION_LENGTH }),
    widgetTimeoutMs: int({ min: 0, max: 60_000, default: DEFAULT_WIDGET_TIMEOUT_MS }),
  } satisfies OptionFieldsFor<Omit<FreshdeskWidgetOptions, 'mapping' | 'maxDescriptionLength'>>,
  { renamed: { mapping: 'fields', maxDescriptionLength: 'descriptionMaxLength' } },
);

/** The declared options of {@link freshdeskWidget}. */
export const FRESHDESK_WIDGET_OPTIONS: OptionsDeclaration<OptionFields> = OPTIONS;

/**
 * Opens the Freshdesk Help Widget's ticket form with the user identified and the subject,
 * the plain-text transcript and the mapped custom fields prefilled. The user reviews and
 * submits it. Needs the widget snippet on the page; a missing or blocked widget fails within
 * `widgetTimeoutMs` with `PROVIDER_UNAVAILABLE`, and then nothing is sent to the widget.
 */
export function freshdeskWidget(options: FreshdeskWidgetOptions = {}): EscalationAdapter<FreshdeskWidgetPayload> {
  const o = OPTIONS.check(options);
  const { descriptionMaxLength: maxDescriptionLength, widgetTimeoutMs, hide } = o;

  return {
    kind: 'freshdesk-widget',
    runtime: 'browser',
    limits: { fields: { 'prefill.subject': FRESHDESK_SUBJECT_MAX, 'prefill.description': maxDescriptionLength } },
    toPayload(context: EscalationContext): FreshdeskWidgetPayload {
      const payload: FreshdeskWidgetPayload = {
        prefill: {
          subject: subjectFor('freshdesk-widget', context, o.subject),
          description: renderTranscript(context, { format: 'text', maxLength: maxDescriptionLength }),
        },
      };
      const customFields = customFieldsFor(context, o.fields);
      if (customFields) payload.prefill.custom_fields = customFields;
      if (o.priority !== undefined) payload.prefill.priority = o.priority;
      if (o.type !== undefined) payload.prefill.type = o.type;
      if (o.groupId !== undefined) payload.prefill.group_id = o.groupId;
      const identify = o.identify ? identity(context) : undefined;
      if (identify) payload.identify = identify;
      if (o.formId !== undefined) payload.formId = o.formId;
      if (hide && hide.length > 0) payload.hide = [...hide];
      return payload;
    },

    async deliver(payload: FreshdeskWidgetPayload, { signal }: DeliverOptions): Promise<Delivery> {
      throwIfAborted(signal);
      const win = (globalThis as { window?: FreshworksWindow }).window;
      if (win === undefined || win === null) {
        throw new EscalationError('PROVIDER_UNAVAILABLE', 'The Freshdesk widget needs a browser: there is no `window` here (use freshdeskTicket from @pillar/escalation-freshdesk/server on a server)', {
          details: { reason: 'no-window' },
        });
      }
      const widget = await waitForFreshworksWidget(win, { timeoutMs: widgetTimeoutMs, ...(signal ? { signal } : {}) });
      throwIfAborted(signal);
      try {
        if (payload.identify) widget('identify', 'ticketForm', { ...payload.identify });
        const prefill = { ...payload.prefill, ...(payload.prefill.custom_fields ? { custom_fields: { ...payload.prefill.custom_fields } } : {}) };
        if (payload.formId === undefined) widget('prefill', 'ticketForm', prefill);
        else widget('prefill', 'ticketForm', prefill, { formId: payload.formId });
        if (payload.hide && payload.hide.length > 0) widget('hide', 'ticketForm', [...payload.hide]);
        widget('open', 'ticketForm');
      } catch (error) {
        throw new EscalationError('PROVIDER_UNAVAILABLE', `The Freshdesk widget failed: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
          details: { reason: 'widget-error' },
        });
      }
      return { status: 'opened' };
    },
  };
}

function identity(context: EscalationContext): FreshdeskWidgetPayload['identify'] {
  const user = userIdentity(context);
  return user.name === undefined && user.email === undefined ? undefined : user;
}
