import {
  EscalationError,
  toEscalationError,
  truncateText,
  type EscalationAdapter,
  type EscalationContext,
  type Redactor,
  type Scalar,
} from '@pillar/escalation-core';
import { DEFAULT_MESSAGE_LENGTH, MIN_MESSAGE_LENGTH, messengerMessage } from './message';
import { toSdkRegion, type IntercomRegion, type MessengerSdkRegion } from './region';
import { oneLine } from './text';
import { openMessenger } from './widget';

/**
 * Identity verification for the Messenger, computed by the app's **server** and handed to the
 * page: never compute it in the browser (the secret would ship with the page).
 *
 * - `userHash`: HMAC-SHA256 (hex) of the user's id (or email when there is no id) with the
 *   workspace's identity verification secret.
 * - `jwt`: the newer Messenger security JWT, signed with the same secret.
 */
export type IntercomIdentity =
  | {
      /** Sent to the Messenger as `user_hash`: HMAC-SHA256 (hex) of `user_id`, or of `email` when there is no id. */
      userHash: string;
      /** Not with `userHash`: give one or the other. */
      jwt?: never;
    }
  | {
      /** Sent to the Messenger as `intercom_user_jwt`: the signed Messenger security JWT. */
      jwt: string;
      /** Not with `jwt`: give one or the other. */
      userHash?: never;
    };

/** Values allowed in the Messenger's custom attributes. */
export type IntercomAttributes = Record<string, Scalar>;

/**
 * Options of {@link intercomMessenger}. Only `appId` is required; every option is checked when
 * the adapter is made (`CONFIGURATION` naming the option).
 */
export interface IntercomMessengerOptions {
  /** Your Intercom workspace (app) id, e.g. `abc12def`. Required. */
  appId: string;
  /**
   * Where the workspace's data is hosted. `'ap'` (the SDK's name) is accepted for `'au'`.
   * @defaultValue 'us'
   */
  region?: IntercomRegion | 'ap';
  /**
   * The `user_hash` or JWT your server computed for the context's user (never compute it in
   * the browser), or a function that picks it from the context. Omit it when identity
   * verification is off, or to leave an anonymous user anonymous (return `undefined`).
   * @defaultValue undefined (no identity verification)
   */
  identity?: IntercomIdentity | ((context: EscalationContext) => IntercomIdentity | undefined);
  /**
   * Extra keys for the `boot` call: custom data attributes, or Messenger settings such as
   * `hide_default_launcher`. The keys this adapter sets itself (`app_id`, `user_id`, `email`,
   * `name`, `user_hash`, `intercom_user_jwt`, `region`, `api_base`) are refused.
   * @defaultValue undefined (none)
   */
  attributes?: IntercomAttributes | ((context: EscalationContext) => IntercomAttributes | undefined);
  /**
   * Prefix of the custom attributes set by `update` (`reason`, `plan`, `role`,
   * `conversation_id`, `page_url`, `page_title`). Letters, digits and `_` only.
   * @defaultValue 'pillar_'
   */
  prefix?: string;
  /**
   * How long to wait for the Messenger to open (`onShow`) after booting it before calling the
   * widget blocked (`PROVIDER_UNAVAILABLE`, so the fallback option takes over).
   * @defaultValue 4000
   */
  widgetTimeoutMs?: number;
  /**
   * After a fresh boot, how long to wait once the Messenger has opened before prefilling the
   * composer a second time (Intercom's first `showNewMessage` after boot can open it empty).
   * @defaultValue 250
   */
  resendDelayMs?: number;
  /**
   * The longest prefilled message, in UTF-16 units (at least 200).
   * @defaultValue 1000
   */
  maxMessageLength?: number;
  /**
   * Masks card numbers and secrets in the prefilled message; `false` leaves the text as typed.
   * @defaultValue core's `defaultRedactor`, or none when the registry already redacted the
   * context with its `REDACTOR`
   */
  redact?: Redactor | false;
}

/** What `intercomMessenger` hands to the widget. */
export interface IntercomMessengerPayload {
  /** Settings for `Intercom(...)` (boot), used only when the Messenger is not booted yet. */
  boot: {
    /** The workspace id, from the `appId` option. */
    app_id: string;
    /** The data-hosting region in the SDK's naming (`'ap'` for Australia); absent for the default US region. */
    region?: MessengerSdkRegion;
    /** The context's `user.id`: Intercom's `user_id`, which is the contact's `external_id` in the REST API. */
    user_id?: string;
    /** The context's `user.email`. */
    email?: string;
    /** The context's `user.name`. */
    name?: string;
    /** The `userHash` of the `identity` option (identity verification). */
    user_hash?: string;
    /** The `jwt` of the `identity` option (Messenger security JWT). */
    intercom_user_jwt?: string;
  } & IntercomAttributes;
  /** Custom attributes for `update(...)`, prefixed (`pillar_reason`, ...). */
  update: IntercomAttributes;
  /** The plain-text message prefilled with `showNewMessage(...)`. */
  message: string;
}

declare module '@pillar/escalation-core' {
  interface AdapterPayloads {
    /** The payload of the Intercom Messenger adapter: {@link IntercomMessengerPayload}. */
    'intercom-messenger': IntercomMessengerPayload;
  }
}

/** Intercom's bound on a string custom attribute. */
export const INTERCOM_ATTRIBUTE_LENGTH = 255;

const RESERVED_BOOT_KEYS = new Set(['app_id', 'user_id', 'email', 'name', 'user_hash', 'intercom_user_jwt', 'region', 'api_base', 'widgetUrl']);
const UPDATE_FIELDS = ['reason', 'plan', 'role', 'conversation_id', 'page_url', 'page_title'] as const;

/**
 * Opens the Intercom Messenger with the conversation summarised in the composer: boots it
 * when the page has not (with the context's user and the identity your server computed),
 * sets custom attributes (reason, plan, conversation id, page) with `update`, then
 * `showNewMessage(summary)`. Browser only; safe to import during server rendering.
 */
export function intercomMessenger(options: IntercomMessengerOptions): EscalationAdapter<IntercomMessengerPayload> {
  const config = resolveOptions(options);
  const limits: Record<string, number> = { message: config.maxMessageLength };
  for (const field of UPDATE_FIELDS) limits[`update.${config.prefix}${field}`] = INTERCOM_ATTRIBUTE_LENGTH;

  return {
    kind: 'intercom-messenger',
    runtime: 'browser',
    limits: { fields: limits },
    toPayload(context) {
      return {
        boot: bootSettings(context, config),
        update: updateAttributes(context, config.prefix),
        message: messengerMessage(context, config.maxMessageLength, config.redact),
      };
    },
    async deliver(payload, { signal }) {
      await openMessenger(payload, { widgetTimeoutMs: config.widgetTimeoutMs, resendDelayMs: config.resendDelayMs, signal });
      return { status: 'opened' };
    },
  };
}

interface ResolvedOptions {
  appId: string;
  region: MessengerSdkRegion | undefined;
  identity: IntercomMessengerOptions['identity'];
  attributes: IntercomMessengerOptions['attributes'];
  prefix: string;
  widgetTimeoutMs: number;
  resendDelayMs: number;
  maxMessageLength: number;
  redact: Redactor | false | undefined;
}

function resolveOptions(options: IntercomMessengerOptions): ResolvedOptions {
  const fail = (message: string) => new EscalationError('CONFIGURATION', `intercomMessenger: ${message}`);
  if (typeof options?.appId !== 'string' || !/^[A-Za-z0-9]+$/.test(options.appId)) {
    throw fail('appId must be your Intercom workspace id (letters and digits), e.g. "abc12def"');
  }
  const region = options.region;
  if (region !== undefined && !['us', 'eu', 'au', 'ap'].includes(region)) {
    throw fail(`region must be 'us', 'eu' or 'au', got ${JSON.stringify(region)}`);
  }
  const prefix = options.prefix ?? 'pillar_';
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9_]{0,32}$/.test(prefix)) {
    throw fail('prefix may hold only letters, digits and "_" (at most 32)');
  }
  const widgetTimeoutMs = positive(options.widgetTimeoutMs, 4_000, 'widgetTimeoutMs', fail);
  const resendDelayMs = positive(options.resendDelayMs, 250, 'resendDelayMs', fail, true);
  const maxMessageLength = positive(options.maxMessageLength, DEFAULT_MESSAGE_LENGTH, 'maxMessageLength', fail);
  if (maxMessageLength < MIN_MESSAGE_LENGTH) throw fail(`maxMessageLength must be at least ${MIN_MESSAGE_LENGTH}`);
  const redact = options.redact;
  if (redact !== undefined && redact !== false && typeof redact !== 'function') throw fail('redact must be a function or false');
  if (options.identity !== undefined && typeof options.identity !== 'function') checkIdentity(options.identity);
  if (options.attributes !== undefined && typeof options.attributes !== 'function') checkAttributes(options.attributes);
  return {
    appId: options.appId,
    region: region === undefined ? undefined : toSdkRegion(region),
    identity: options.identity,
    attributes: options.attributes,
    prefix,
    widgetTimeoutMs,
    resendDelayMs,
    maxMessageLength,
    redact,
  };
}

function positive(
  value: number | undefined,
  fallback: number,
  name: string,
  fail: (message: string) => EscalationError,
  zeroAllowed = false,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0)) {
    throw fail(`${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number of milliseconds or characters, got ${String(value)}`);
  }
  return Math.floor(value);
}

function checkIdentity(identity: IntercomIdentity): IntercomIdentity {
  const hash = (identity as { userHash?: unknown }).userHash;
  const jwt = (identity as { jwt?: unknown }).jwt;
  const hasHash = typeof hash === 'string' && hash.length > 0;
  const hasJwt = typeof jwt === 'string' && jwt.length > 0;
  if (hasHash === hasJwt) {
    throw new EscalationError(
      'CONFIGURATION',
      'intercomMessenger: identity must be { userHash } or { jwt } (one non-empty string, computed on your server)',
    );
  }
  return identity;
}

function checkAttributes(attributes: IntercomAttributes): IntercomAttributes {
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    throw new EscalationError('CONFIGURATION', 'intercomMessenger: attributes must be an object of strings, numbers, booleans or null');
  }
  for (const [key, value] of Object.entries(attributes)) {
    if (RESERVED_BOOT_KEYS.has(key)) {
      throw new EscalationError('CONFIGURATION', `intercomMessenger: attributes.${key} is set by the adapter; use the options or the context's user instead`);
    }
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw new EscalationError('CONFIGURATION', `intercomMessenger: attributes.${key} must be a string, number, boolean or null`);
    }
  }
  return attributes;
}

function bootSettings(context: EscalationContext, config: ResolvedOptions): IntercomMessengerPayload['boot'] {
  const extra = typeof config.attributes === 'function' ? callOption('attributes', config.attributes, context) : config.attributes;
  const boot: IntercomMessengerPayload['boot'] = { ...(extra === undefined ? {} : checkAttributes(extra)), app_id: config.appId };
  if (config.region) boot.region = config.region;
  const user = context.user;
  if (user?.id) boot.user_id = user.id;
  if (user?.email) boot.email = user.email;
  if (user?.name) boot.name = user.name;
  const identity = typeof config.identity === 'function' ? callOption('identity', config.identity, context) : config.identity;
  if (identity !== undefined) {
    checkIdentity(identity);
    if (identity.userHash) boot.user_hash = identity.userHash;
    else if (identity.jwt) boot.intercom_user_jwt = identity.jwt;
  }
  return boot;
}

/** Runs an option's function of the context; whatever it throws comes out as `CONFIGURATION`. */
function callOption<T>(name: string, fn: (context: EscalationContext) => T, context: EscalationContext): T {
  try {
    return fn(context);
  } catch (error) {
    throw toEscalationError(error, 'CONFIGURATION', `intercomMessenger: the ${name} function threw`);
  }
}

function updateAttributes(context: EscalationContext, prefix: string): IntercomAttributes {
  const values: Record<(typeof UPDATE_FIELDS)[number], string | undefined> = {
    reason: context.reason,
    plan: context.user?.plan,
    role: context.user?.role,
    conversation_id: context.conversationId ?? undefined,
    page_url: context.page?.url,
    page_title: context.page?.title,
  };
  const update: IntercomAttributes = {};
  for (const field of UPDATE_FIELDS) {
    const value = oneLine(values[field] ?? '');
    if (value) update[`${prefix}${field}`] = truncateText(value, INTERCOM_ATTRIBUTE_LENGTH);
  }
  return update;
}
