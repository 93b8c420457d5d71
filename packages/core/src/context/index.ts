export * from './types';
export { MAX_COPILOT_ACTIONS, type CopilotAction, type CopilotActivity } from './actions';
export * from './limits';
export type { ContextIssue, ContextIssueReason } from './issue';
export * from './parse-context';
export { droppedFrom, type DroppedValue } from './report';
export * from './from-pillar-chat';
