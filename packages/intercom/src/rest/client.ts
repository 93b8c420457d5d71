import { baseUrl, bool, CLOCK, custom, group, int, oneOf, retry, type DeliverOptions, type RetryOptions } from '@pillar/escalation-core';
import { resolveHttpClient, sendJson, type JsonResponse } from '@pillar/escalation-core/http';
import type { AxiosInstance } from 'axios';
import { intercomErrorDetails } from './errors';
import { DEFAULT_HTTP_TIMEOUT_MS } from '../limits';
import { INTERCOM_API_HOSTS, INTERCOM_API_VERSION, type IntercomApiRegion } from './hosts';
import type { FindWaitOptions } from '@pillar/escalation-core/http';

/** How `find` looks for what an Intercom adapter created (see the docs for the assumption). */
export interface IntercomFindOptions extends FindWaitOptions {
  /**
   * Whether a search that still finds nothing once `waitMs` has passed proves that nothing was
   * created (`find` then resolves `null`, and the escalation may be sent again). Intercom's
   * search is an index that may lag behind a new conversation or ticket (its docs say minutes
   * for contacts), so by default `find` rejects "may exist" instead.
   * @defaultValue false
   */
  absentWhenNotFound?: boolean;
}

/** Default `find` options of the Intercom REST adapters. */
export const INTERCOM_FIND_WAIT: Readonly<Required<IntercomFindOptions>> = { waitMs: 3_000, intervalMs: 1_500, absentWhenNotFound: false };

/** Options every Intercom REST adapter takes. */
export interface IntercomRestOptions {
  /**
   * An Intercom access token (Developer Hub → your app → Authentication), sent as a Bearer
   * token. It acts for the whole workspace: keep it on the server. Required.
   */
  accessToken: string;
  /**
   * Where the workspace's data is hosted: `us` (`api.intercom.io`), `eu` (`api.eu.intercom.io`)
   * or `au` (`api.au.intercom.io`). A token only works against its own region.
   * @defaultValue 'us'
   */
  region?: IntercomApiRegion;
  /** Send requests here instead of the region's host (a proxy, a test server). @defaultValue the region's host */
  baseUrl?: string;
  /** Per-request timeout, in ms (at most 120,000). @defaultValue 10_000 */
  timeoutMs?: number;
  /**
   * Retries for failures that prove nothing was created (connection refused, 429, 503; any
   * failure of a search); `false` for a single try.
   * @defaultValue the `withRetry` defaults (3 tries within 15 s)
   */
  retry?: RetryOptions | false;
  /** The axios instance. @defaultValue the registry container's `HTTP_CLIENT`, else a shared default */
  http?: AxiosInstance;
  /**
   * How long `find` keeps searching for the key's token, and what an empty search means.
   * @defaultValue `{ waitMs: 3_000, intervalMs: 1_500, absentWhenNotFound: false }`
   */
  find?: IntercomFindOptions;
}

/** The shared options, checked (`resolveRestOptions`). */
export interface ResolvedRestOptions {
  accessToken: string;
  baseUrl: string;
  timeoutMs: number;
  retry: RetryOptions | false | undefined;
  http: AxiosInstance | undefined;
  find: Required<IntercomFindOptions>;
}

/** The declared fields every Intercom REST adapter takes. */
export const REST_FIELDS = {
  accessToken: custom({
    expects: 'an Intercom access token (keep it on the server)',
    required: true as const,
    sensitive: true,
    invalid: ['', '  ', 42],
    check: (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined),
  }),
  region: oneOf(['us', 'eu', 'au'] as const, { default: 'us' }),
  baseUrl: baseUrl(),
  timeoutMs: int({ max: 120_000, default: DEFAULT_HTTP_TIMEOUT_MS }),
  retry: retry(),
  http: custom({ expects: 'an axios instance', invalid: ['axios', 42], check: (v: unknown) => (typeof v === 'function' ? (v as AxiosInstance) : undefined) }),
  find: group({
    waitMs: int({ min: 0, max: 600_000, default: INTERCOM_FIND_WAIT.waitMs }),
    intervalMs: int({ max: 600_000, default: INTERCOM_FIND_WAIT.intervalMs }),
    absentWhenNotFound: bool({ default: INTERCOM_FIND_WAIT.absentWhenNotFound }),
  }),
};

/** The shared options as the client uses them: the base URL from `baseUrl` or the region. */
export function resolveRestOptions(o: { accessToken: string; region: IntercomApiRegion; baseUrl?: string | undefined; timeoutMs: number; retry?: RetryOptions | false | undefined; http?: AxiosInstance | undefined; find: Required<IntercomFindOptions> }): ResolvedRestOptions {
  return { accessToken: o.accessToken, baseUrl: o.baseUrl ?? INTERCOM_API_HOSTS[o.region], timeoutMs: o.timeoutMs, retry: o.retry, http: o.http, find: o.find };
}

const AUTH_FAILURE =
  'check accessToken (a valid Intercom access token with the scopes to read and write contacts, conversations and tickets) and region (a token only works against its own region: us, eu or au)';

/** Sends one JSON request to Intercom's REST API with the pinned version and the Bearer token. */
export interface IntercomClient {
  /** `once`: a single try, for lookups that `find` repeats itself. */
  post<T>(path: string, data: unknown, options: { safeToRetry: boolean; once?: boolean }): Promise<JsonResponse<T>>;
}

export function intercomClient(config: ResolvedRestOptions, deliver: Pick<DeliverOptions, 'signal' | 'container'>): IntercomClient {
  const http = resolveHttpClient({ http: config.http, container: deliver.container });
  const clock = deliver.container?.isRegistered(CLOCK, true) ? deliver.container.resolve(CLOCK) : undefined;
  const now = clock ? () => clock.now().getTime() : undefined;
  return {
    post: (path, data, { safeToRetry, once }) =>
      sendJson(
        {
          method: 'POST',
          url: `${config.baseUrl}${path}`,
          headers: { Authorization: `Bearer ${config.accessToken}`, 'Intercom-Version': INTERCOM_API_VERSION },
          data,
        },
        {
          http,
          provider: 'Intercom',
          safeToRetry,
          errorDetails: intercomErrorDetails,
          describeAuthFailure: AUTH_FAILURE,
          ...(now ? { now } : {}),
          timeoutMs: config.timeoutMs,
          ...(once ? { retry: false as const } : config.retry === undefined ? {} : { retry: config.retry }),
          ...(deliver.signal ? { signal: deliver.signal } : {}),
        },
      ),
  };
}
