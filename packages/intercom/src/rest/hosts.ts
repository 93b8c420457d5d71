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
