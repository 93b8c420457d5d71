export * from './types';
export * from './limits';
export type { ContextIssue, ContextIssueReason } from './issue';
export * from './parse-context';
export * from './from-pillar-chat';
