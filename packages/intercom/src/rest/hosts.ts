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
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new EscalationError('CONFIGURATION', `${adapter}: baseUrl must be an http(s) URL, got ${JSON.stringify(baseUrl)}`);
    }
    return url.href.replace(/\/+$/, '');
  }
  const host = INTERCOM_API_HOSTS[region ?? 'us'];
  if (!host) throw new EscalationError('CONFIGURATION', `${adapter}: region must be 'us', 'eu' or 'au', got ${JSON.stringify(region)}`);
  return host;
}
