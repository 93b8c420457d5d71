// The server half: holds the API credentials. Never import it from browser code.
export * from './payloads';
export * from './limits';
export { defaultZendeskTags, type ZendeskFieldMap, type ZendeskTags } from './mapping';
export { zendeskErrorDetails, type ZendeskErrorDetails, type ZendeskFieldError } from './errors';
export * from './ticket';
export type { FindWaitOptions } from '@pillar/escalation-core/http';
