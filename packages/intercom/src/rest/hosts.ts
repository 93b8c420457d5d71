import { EscalationError } from '@pillar/escalation-core';

/** Data-hosting regions of an Intercom workspace (a token works only against its own region). */
export type IntercomApiRegion = 'us' | 'eu' | 'au';

/** REST API hosts by region. */
export const INTERCOM_API_HOSTS: Readonly<Record<IntercomApiRegion, string>> = {
  us: 'https://api.intercom.io',
  eu: 'https://api.eu.intercom.io',
  au: 'https://api.au.intercom.io',
};

/** The REST API version every request pins, so a workspace's default version never changes our payloads. */
export const INTERCOM_API_VERSION = '2.16';

/** The base URL: `baseUrl` when given (a proxy, a test server), else the region's host. */
export function intercomBaseUrl(adapter: string, region: IntercomApiRegion | undefined, baseUrl: string | undefined): string {
  if (baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new EscalationError('CONFIGURATION', `${adapter}: baseUrl must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
    }
    // The access token rides in every request: never in clear to another machine.
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      throw new EscalationError(
        'CONFIGURATION',
        `${adapter}: baseUrl must use https, so the access token never travels in clear (http is allowed only for localhost, 127.0.0.0/8 and [::1]), got ${JSON.stringify(baseUrl)}`,
        { details: { path: 'baseUrl' } },
      );
    }
    if (url.username || url.password || url.search || url.hash) {
      throw new EscalationError('CONFIGURATION', `${adapter}: baseUrl must not carry credentials, a query or a fragment`, { details: { path: 'baseUrl' } });
    }
    return url.href.replace(/\/+$/, '');
  }
  const host = INTERCOM_API_HOSTS[region ?? 'us'];
  if (!host) throw new EscalationError('CONFIGURATION', `${adapter}: region must be 'us', 'eu' or 'au', got ${JSON.stringify(region)}`);
  return host;
}

/**
 * Whether a URL's `hostname` is this machine: `localhost`, an IPv4 address in 127.0.0.0/8 or
 * `[::1]` (as `URL` writes them). Only there may a secret travel over plain http.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
