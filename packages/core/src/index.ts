export * from './errors';
export * from './context';
export * from './adapter';
export * from './option';
export * from './tokens';
export * from './retry';
// export * from './registry'; (enabled once transcript lands)
export * from './http/error-from-response';
export type { Gate } from './gates/gate';
export type { Redactor } from './transcript/redact';
export * from './gates';
