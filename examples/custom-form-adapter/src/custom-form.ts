import {
  EscalationError,
  renderTranscript,
  titleFromContext,
  truncateText,
  type EscalationAdapter,
  type EscalationContext,
  type EscalationReason,
  type EscalationUser,
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
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const RESERVED_NAMES = new Set(['subject', 'transcript']);
const PREFILLS: ReadonlySet<string> = new Set<CustomFormPrefill>(['id', 'name', 'email', 'plan', 'role', 'locale', 'timeZone']);

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

interface Config {
  endpoint: string;
  container: HTMLElement | string | undefined;
  fields: CustomFormField[];
  headers: Record<string, string>;
  maxTranscriptLength: number;
  timeoutMs: number;
  text: Partial<FormDialogText>;
}

function configError(message: string): EscalationError {
  return new EscalationError('CONFIGURATION', `customForm: ${message}`);
}

function validate(options: CustomFormOptions): Config {
  if (options === null || typeof options !== 'object') throw configError('options must be an object with an endpoint');
  const { endpoint } = options;
  if (typeof endpoint !== 'string' || endpoint.trim() === '') throw configError('endpoint must be a URL or a path such as "/api/support"');
  if (/^[a-z][a-z0-9+.-]*:/i.test(endpoint) || endpoint.startsWith('//')) {
    let url: URL;
    try {
      url = new URL(endpoint.startsWith('//') ? `https:${endpoint}` : endpoint);
    } catch {
      throw configError(`endpoint "${endpoint}" is not a valid URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw configError(`endpoint must be http(s), got "${url.protocol}"`);
  } else if (!endpoint.startsWith('/')) {
    throw configError(`endpoint "${endpoint}" must be an absolute URL or start with "/"`);
  }

  const fields = options.fields ?? DEFAULT_FIELDS;
  if (!Array.isArray(fields)) throw configError('fields must be an array');
  const seen = new Set<string>();
  for (const [index, field] of fields.entries()) {
    const where = `fields[${index}]`;
    if (field === null || typeof field !== 'object') throw configError(`${where} must be an object`);
    if (typeof field.name !== 'string' || !FIELD_NAME.test(field.name)) throw configError(`${where}.name must be letters, digits, "_" or "-", starting with a letter`);
    if (RESERVED_NAMES.has(field.name) || seen.has(field.name)) throw configError(`${where}.name "${field.name}" is used twice (subject and transcript are built in)`);
    seen.add(field.name);
    if (typeof field.label !== 'string' || field.label.trim() === '') throw configError(`${where}.label must be a non-empty string`);
    if (field.type !== undefined && !['text', 'email', 'tel'].includes(field.type)) throw configError(`${where}.type must be text, email or tel`);
    if (field.prefill !== undefined && !PREFILLS.has(field.prefill)) throw configError(`${where}.prefill must be one of ${[...PREFILLS].join(', ')}`);
  }

  const maxTranscriptLength = options.maxTranscriptLength ?? 20_000;
  if (!Number.isInteger(maxTranscriptLength) || maxTranscriptLength < 200) throw configError('maxTranscriptLength must be an integer of at least 200');
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw configError('timeoutMs must be a positive number');
  const headers = options.headers ?? {};
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || typeof value !== 'string' || /[\r\n]/.test(value)) throw configError(`header "${name}" is not a valid header`);
  }
  if (options.container !== undefined && typeof options.container !== 'string' && typeof options.container !== 'object') {
    throw configError('container must be an element or a CSS selector');
  }
  return { endpoint, container: options.container, fields: fields.map((f) => ({ ...f })), headers: { ...headers }, maxTranscriptLength, timeoutMs, text: { ...options.text } };
}

function resolveContainer(container: HTMLElement | string | undefined): HTMLElement {
  if (container === undefined) return document.body;
  if (typeof container !== 'string') return container;
  let found: Element | null;
  try {
    found = document.querySelector(container);
  } catch (cause) {
    throw new EscalationError('CONFIGURATION', `customForm: container "${container}" is not a valid CSS selector`, { cause });
  }
  if (!(found instanceof HTMLElement)) throw new EscalationError('CONFIGURATION', `customForm: no element matches container "${container}"`);
  return found;
}

function resolveEndpoint(endpoint: string): string {
  const base = typeof location === 'undefined' ? undefined : location.href;
  try {
    return new URL(endpoint, base).href;
  } catch (cause) {
    throw new EscalationError('CONFIGURATION', `customForm: endpoint "${endpoint}" cannot be resolved against this page`, { cause });
  }
}
