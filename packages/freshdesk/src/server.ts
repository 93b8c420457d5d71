export * from './fields';
export * from './mapping';
export * from './subject';
export * from './account';
export * from './ticket-errors';
export * from './ticket';
export type { FindWaitOptions } from '@pillar/escalation-core/http';
export { keyTag } from './key-tag';
