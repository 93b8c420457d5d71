export type { Gate } from './gate';
export * from './user';
export * from './combinators';
export * from './business-hours';
