/** Data-hosting regions of an Intercom workspace. `ap` is the SDK's name for `au`. */
export type IntercomRegion = 'us' | 'eu' | 'au';

/** The region names `@intercom/messenger-js-sdk` takes (it calls Australia `ap`). */
export type MessengerSdkRegion = 'us' | 'eu' | 'ap';

/** Messenger API hosts by SDK region, for a `boot` that bypasses the SDK's initialiser. */
export const MESSENGER_API_BASE: Readonly<Record<MessengerSdkRegion, string>> = {
  us: 'https://api-iam.intercom.io',
  eu: 'https://api-iam.eu.intercom.io',
  ap: 'https://api-iam.au.intercom.io',
};

/** `au` (the REST API's name) and `ap` (the SDK's) both mean Australia. */
export function toSdkRegion(region: IntercomRegion | 'ap'): MessengerSdkRegion {
  return region === 'au' ? 'ap' : region;
}
