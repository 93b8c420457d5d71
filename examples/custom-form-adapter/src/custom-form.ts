import {
  bool,
  custom,
  defineOptions,
  EscalationError,
  group,
  int,
  list,
  oneOf,
  optionError,
  record,
  renderTranscript,
  string,
  titleFromContext,
  truncateText,
  type EscalationAdapter,
  type EscalationContext,
  type EscalationReason,
  type EscalationUser,
  type OptionField,
  type OptionFieldsFor,
} from '@pillar/escalation-core';
import { openFormDialog, type FormDialogText } from './form-dialog';
import { postForm } from './post-form';

/** The adapter kind, as in `registry.preview()` and the payload map. */
export const CUSTOM_FORM_KIND = 'custom-form';

/** The user fields a form field can be prefilled from. */
export type CustomFormPrefill = 'id' | 'name' | 'email' | 'plan' | 'role' | 'locale' | 'timeZone';

/** One input of the form besides the subject and the conversation. */
export interface CustomFormField {
  /** The key of the value in the JSON the form sends (`fields.<name>`). Letters, digits, `_` and `-`. */
  name: string;
  /** The visible label, tied to its input. */
  label: string;
  /** The input's type. @defaultValue `'text'` */
  type?: 'text' | 'email' | 'tel';
  /** The user must fill it before the form sends. @defaultValue `false` */
  required?: boolean;
  /** Prefill it from this field of `context.user`. @defaultValue none (empty) */
  prefill?: CustomFormPrefill;
}

/** Options of {@link customForm}. */
export interface CustomFormOptions {
  /**
   * Your endpoint that receives the form as JSON (`POST`): an absolute `http(s)` URL or a path
   * on the page's origin, e.g. `/api/support`.
   */
  endpoint: string;
  /** The element the form is rendered into, or a CSS selector resolved when delivering. @defaultValue `document.body` */
  container?: HTMLElement | string;
  /** The inputs besides subject and conversation. @defaultValue name (prefilled) and a required email (prefilled) */
  fields?: CustomFormField[];
  /** Headers sent with the POST (e.g. a CSRF token). @defaultValue none */
  headers?: Record<string, string>;
  /** The longest transcript prefilled in the form, in UTF-16 units. @defaultValue `20000` */
  maxTranscriptLength?: number;
  /** How long to wait for the endpoint's answer, in milliseconds. @defaultValue `15000` */
  timeoutMs?: number;
  /** The texts of the form, for another language or wording. @defaultValue English texts */
  text?: Partial<FormDialogText>;
}

/** One prefilled input of the form, as `toPayload` describes it. */
export interface CustomFormFieldValue {
  /** The key of the value in the JSON the form sends. */
  name: string;
  /** The visible label. */
  label: string;
  /** The input's type. */
  type: 'text' | 'email' | 'tel';
  /** Whether the form refuses to send without it. */
  required: boolean;
  /** The prefilled value (empty when the context has none). */
  value: string;
}

/** What `toPayload` produces: the form model, independent of the endpoint and of the DOM. */
export interface CustomFormPayload {
  /** A one-line subject from the first user message. */
  subject: string;
  /** The conversation as plain text, redacted and cut to `maxTranscriptLength`. */
  transcript: string;
  /** The user fields, prefilled from `context.user`. */
  fields: CustomFormFieldValue[];
  /** Why the user escalated, when known. */
  reason: EscalationReason | null;
  /** The Pillar conversation id, to find the conversation again. */
  conversationId: string | null;
}

declare module '@pillar/escalation-core' {
  interface AdapterPayloads {
    /** The form model of {@link customForm}. */
    'custom-form': CustomFormPayload;
  }
}

/** What the endpoint receives: the form as the user sent it, and the context it came from. */
export interface CustomFormSubmission {
  /** The same for every send of one escalation (also the `Idempotency-Key` header). */
  idempotencyKey: string;
  /** The Pillar conversation id. */
  conversationId: string | null;
  /** Why the user escalated, when known. */
  reason: EscalationReason | null;
  /** The subject as the user left it. */
  subject: string;
  /** The transcript as the user left it (they may have removed something). */
  transcript: string;
  /** The user fields by name, as the user left them. */
  fields: Record<string, string>;
  /** The (redacted) context the form was made from. Re-check anything you trust on the server. */
  context: EscalationContext;
}

/** Subjects longer than this are cut at a word. */
export const SUBJECT_MAX_LENGTH = 150;
/** User field values longer than this are cut (they only prefill an editable input). */
export const FIELD_MAX_LENGTH = 256;

const DEFAULT_FIELDS: CustomFormField[] = [
  { name: 'name', label: 'Your name', prefill: 'name' },
  { name: 'email', label: 'Email', type: 'email', required: true, prefill: 'email' },
];
const RESERVED_NAMES: ReadonlySet<string> = new Set(['subject', 'transcript']);
/** A text of the form (`text.title`, ...). */
const textField = string({ pattern: /\S/, expects: 'a non-empty string' });

/** One input of the form; a name used twice is refused by `validate`. */
const formField: OptionField<CustomFormField> = group({
  name: string({ required: true, pattern: /^[A-Za-z][A-Za-z0-9_-]{0,63}$/, expects: 'letters, digits, "_" or "-", starting with a letter (at most 64)' }),
  label: string({ required: true, pattern: /\S/, expects: 'a non-empty string (the visible label)' }),
  type: oneOf(['text', 'email', 'tel'] as const),
  required: bool(),
  prefill: oneOf(['id', 'name', 'email', 'plan', 'role', 'locale', 'timeZone'] as const),
} satisfies OptionFieldsFor<CustomFormField>);

/** An absolute http(s) URL (`//host/path` too) or a path on the page's origin. */
function checkEndpoint(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('/') && !value.startsWith('//')) return value;
  try {
    const { protocol } = new URL(value.startsWith('//') ? `https:${value}` : value);
    return protocol === 'https:' || protocol === 'http:' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The declared options of {@link customForm}: checked once, when it is called. */
export const CUSTOM_FORM_OPTIONS = defineOptions(CUSTOM_FORM_KIND, {
  endpoint: custom({
    expects: 'an http(s) URL or a path that starts with "/" (such as "/api/support")',
    required: true as const,
    invalid: ['', 'api/support', 'javascript:alert(1)', 'ftp://example.com/form', 42],
    check: checkEndpoint,
  }),
  container: custom({
    expects: 'an element or a CSS selector',
    invalid: ['', 42],
    check: (v: unknown) =>
      (typeof v === 'string' && v.trim() !== '') || (typeof v === 'object' && v !== null && typeof (v as HTMLElement).appendChild === 'function') ? (v as HTMLElement | string) : undefined,
  }),
  fields: list(formField, { default: DEFAULT_FIELDS }),
  headers: record(
    custom({ expects: 'a header value (a string without line breaks)', invalid: ['one\r\ntwo', 42], check: (v: unknown) => (typeof v === 'string' && !/[\r\n]/.test(v) ? v : undefined) }),
    { key: /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/ },
  ),
  maxTranscriptLength: int({ min: 200, default: 20_000 }),
  timeoutMs: int({ max: 600_000, default: 15_000 }),
  // Each text the app gives replaces the form's own; the others stay.
  text: group({
    title: textField, intro: textField, subjectLabel: textField, transcriptLabel: textField, submit: textField,
    cancel: textField, sending: textField, missing: textField, failed: textField,
  } satisfies OptionFieldsFor<FormDialogText>),
} satisfies OptionFieldsFor<CustomFormOptions>);

/**
 * Your own support form as an escalation option: the user sees an accessible form prefilled
 * with the conversation, edits it, and on submit the form and the context are POSTed as JSON
 * to your endpoint. Built only on the public API of `@pillar/escalation-core`.
 *
 * @example
 * ```ts
 * customForm({ endpoint: '/api/support', fields: [{ name: 'email', label: 'Email', type: 'email', required: true, prefill: 'email' }] })
 * ```
 */
export function customForm(options: CustomFormOptions): EscalationAdapter<CustomFormPayload> {
  const config = validate(options);
  return {
    kind: CUSTOM_FORM_KIND,
    runtime: 'browser',
    limits: {
      fields: {
        subject: SUBJECT_MAX_LENGTH,
        transcript: config.maxTranscriptLength,
        ...(config.fields.length > 0 ? { 'fields[].value': FIELD_MAX_LENGTH } : {}),
      },
    },
    toPayload(context) {
      return {
        subject: titleFromContext(context, { maxLength: SUBJECT_MAX_LENGTH }),
        transcript: renderTranscript(context, { format: 'text', maxLength: config.maxTranscriptLength }),
        fields: config.fields.map((field) => ({
          name: field.name,
          label: field.label,
          type: field.type ?? 'text',
          required: field.required ?? false,
          value: prefillValue(context.user, field.prefill),
        })),
        reason: context.reason ?? null,
        conversationId: context.conversationId,
      };
    },
    async deliver(payload, { context, idempotencyKey, signal }) {
      if (signal?.aborted) throw new EscalationError('ABORTED', 'The escalation was aborted before the form opened');
      if (typeof document === 'undefined') {
        throw new EscalationError('PROVIDER_UNAVAILABLE', 'customForm needs a browser document: there is none here (server rendering?)');
      }
      const container = resolveContainer(config.container);
      const endpoint = resolveEndpoint(config.endpoint);
      return openFormDialog({
        container,
        payload,
        text: config.text,
        ...(signal ? { signal } : {}),
        send: (edits, sendSignal) =>
          postForm(
            endpoint,
            { idempotencyKey, conversationId: payload.conversationId, reason: payload.reason, ...edits, context },
            { headers: config.headers, timeoutMs: config.timeoutMs, signal: sendSignal },
          ),
      });
    },
  };
}

function prefillValue(user: EscalationUser | undefined, key: CustomFormPrefill | undefined): string {
  const value = key === undefined ? undefined : user?.[key];
  return typeof value === 'string' ? truncateText(value.trim(), FIELD_MAX_LENGTH) : '';
}

function validate(options: CustomFormOptions) {
  const o = CUSTOM_FORM_OPTIONS.check(options);
  const seen = new Set(RESERVED_NAMES);
  for (const [index, field] of o.fields.entries()) {
    if (seen.has(field.name)) throw optionError(CUSTOM_FORM_KIND, `fields.${index}.name`, `"${field.name}" is used twice (subject and transcript are built in)`);
    seen.add(field.name);
  }
  return { ...o, headers: o.headers ?? {} };
}

function resolveContainer(container: HTMLElement | string | undefined): HTMLElement {
  if (container === undefined) return document.body;
  if (typeof container !== 'string') return container;
  let found: Element | null;
  try {
    found = document.querySelector(container);
  } catch (cause) {
    throw optionError(CUSTOM_FORM_KIND, 'container', `is not a valid CSS selector, got "${container}"`, cause);
  }
  if (!(found instanceof HTMLElement)) throw optionError(CUSTOM_FORM_KIND, 'container', `matches no element, got "${container}"`);
  return found;
}

function resolveEndpoint(endpoint: string): string {
  const base = typeof location === 'undefined' ? undefined : location.href;
  try {
    return new URL(endpoint, base).href;
  } catch (cause) {
    throw optionError(CUSTOM_FORM_KIND, 'endpoint', `cannot be resolved against this page, got "${endpoint}"`, cause);
  }
}
