export * from './errors';
export * from './context/types';
export * from './adapter';
export * from './option';
export * from './tokens';
export type { Gate } from './gates/gate';
export type { Redactor } from './transcript/redact';
