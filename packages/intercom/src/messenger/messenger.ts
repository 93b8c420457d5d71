import {
  custom,
  defineOptions,
  int,
  oneOf,
  OptionProblem,
  resolveOption,
  string,
  truncateText,
  valueOrFn,
  type OptionFieldsFor,
  type OptionFields,
  type OptionsDeclaration,
  type EscalationAdapter,
  type EscalationContext,
  type Redactor,
  type Scalar,
} from '@pillar/escalation-core';
import { DEFAULT_MESSENGER_TIMEOUT_MS, DEFAULT_RESEND_DELAY_MS, INTERCOM_ATTRIBUTE_LENGTH } from '../limits';
import { attributesField, redactField } from '../option-fields';
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
  messageMaxLength?: number;
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

export { INTERCOM_ATTRIBUTE_LENGTH } from '../limits';

const NAME = 'intercom-messenger';
const UPDATE_FIELDS = ['reason', 'plan', 'role', 'conversation_id', 'page_url', 'page_title'] as const;
const attributes = attributesField(['app_id', 'user_id', 'email', 'name', 'user_hash', 'intercom_user_jwt', 'region', 'api_base', 'widgetUrl']);
const identity = valueOrFn(
  custom({
    expects: '{ userHash } or { jwt } (one non-empty string, computed on your server)',
    invalid: [{}, { userHash: 'a', jwt: 'b' }, 'hash'],
    check: (value: unknown) => {
      const { userHash, jwt } = (typeof value === 'object' && value !== null ? value : {}) as { userHash?: unknown; jwt?: unknown };
      const hasHash = typeof userHash === 'string' && userHash.length > 0;
      return hasHash !== (typeof jwt === 'string' && jwt.length > 0) ? (value as IntercomIdentity) : undefined;
    },
  }),
);

const OPTIONS = defineOptions(NAME, {
  appId: string({ required: true, pattern: /^[A-Za-z0-9]+$/, expects: 'your Intercom workspace id (letters and digits), e.g. "abc12def"' }),
  region: oneOf(['us', 'eu', 'au', 'ap'] as const, { default: 'us' }),
  identity,
  attributes,
  prefix: custom({
    expects: 'letters, digits and "_" only (at most 32)',
    default: 'pillar_',
    invalid: ['pillar-', 42],
    check: (v: unknown) => (typeof v === 'string' && /^[A-Za-z0-9_]{0,32}$/.test(v) ? v : new OptionProblem()),
  }),
  widgetTimeoutMs: int({ max: 60_000, default: DEFAULT_MESSENGER_TIMEOUT_MS }),
  resendDelayMs: int({ min: 0, max: 10_000, default: DEFAULT_RESEND_DELAY_MS }),
  messageMaxLength: int({ min: MIN_MESSAGE_LENGTH, default: DEFAULT_MESSAGE_LENGTH }),
  redact: redactField,
} satisfies OptionFieldsFor<IntercomMessengerOptions>);

/** The declared options of {@link intercomMessenger}. */
export const INTERCOM_MESSENGER_OPTIONS: OptionsDeclaration<OptionFields> = OPTIONS;

/**
 * Opens the Intercom Messenger with the conversation summarised in the composer: boots it
 * when the page has not (with the context's user and the identity your server computed),
 * sets custom attributes (reason, plan, conversation id, page) with `update`, then
 * `showNewMessage(summary)`. Browser only; safe to import during server rendering.
 */
export function intercomMessenger(options: IntercomMessengerOptions): EscalationAdapter<IntercomMessengerPayload> {
  const o = OPTIONS.check(options);
  const config: ResolvedOptions = { ...o, region: o.region === 'us' ? undefined : toSdkRegion(o.region) };
  const limits: Record<string, number> = { message: config.messageMaxLength };
  for (const field of UPDATE_FIELDS) limits[`update.${config.prefix}${field}`] = INTERCOM_ATTRIBUTE_LENGTH;

  return {
    kind: 'intercom-messenger',
    runtime: 'browser',
    limits: { fields: limits },
    toPayload(context) {
      return {
        boot: bootSettings(context, config),
        update: updateAttributes(context, config.prefix),
        message: messengerMessage(context, config.messageMaxLength, config.redact),
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
  messageMaxLength: number;
  redact: Redactor | false | undefined;
}

function bootSettings(context: EscalationContext, config: ResolvedOptions): IntercomMessengerPayload['boot'] {
  const extra = config.attributes === undefined ? undefined : resolveOption(NAME, 'attributes', config.attributes, context, attributes);
  const boot: IntercomMessengerPayload['boot'] = { ...extra, app_id: config.appId };
  if (config.region) boot.region = config.region;
  const user = context.user;
  if (user?.id) boot.user_id = user.id;
  if (user?.email) boot.email = user.email;
  if (user?.name) boot.name = user.name;
  const verified = config.identity === undefined ? undefined : resolveOption(NAME, 'identity', config.identity, context, identity);
  if (verified?.userHash) boot.user_hash = verified.userHash;
  else if (verified?.jwt) boot.intercom_user_jwt = verified.jwt;
  return boot;
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
