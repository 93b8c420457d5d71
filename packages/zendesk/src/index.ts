export * from './payloads';
export * from './limits';
export { defaultZendeskTags, type ZendeskFieldMap, type ZendeskTags } from './mapping';
export { zendeskErrorDetails, type ZendeskErrorDetails, type ZendeskFieldError } from './errors';
export type { ZendeskGlobal } from './widget';
export * from './messenger';
export * from './web-widget';
export * from './request';
