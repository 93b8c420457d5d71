export * from './conversation';
export * from './ticket';
export type { IntercomRestOptions } from './rest/client';
export type { IntercomContactLookup } from './rest/contacts';
export { intercomErrorDetails, type IntercomFieldError } from './rest/errors';
export { INTERCOM_API_HOSTS, INTERCOM_API_VERSION, type IntercomApiRegion } from './rest/hosts';
export { INTERCOM_FIND_WAIT, type IntercomFindOptions } from './rest/client';
export type { FindWaitOptions } from '@pillar/escalation-core/http';
export { keyToken } from './rest/key-token';
