export * from './payloads';
export { defaultZendeskTags, type ZendeskFieldMap, type ZendeskTags } from './mapping';
export { zendeskErrorDetails, type ZendeskErrorDetails, type ZendeskFieldError } from './errors';
export { DEFAULT_WIDGET_TIMEOUT_MS, type ZendeskGlobal } from './widget';
export * from './messenger';
export * from './web-widget';
export * from './request';
