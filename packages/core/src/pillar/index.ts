export * from './pillar-like';
export {
  ESCALATION_TOOL_NAME,
  ESCALATION_TOOL_DESCRIPTION,
  ESCALATION_TOOL_GUIDANCE,
  ESCALATION_TOOL_EXAMPLES,
  escalationToolInputSchema,
  escalationTool,
  type EscalationToolOptions,
  type EscalationToolAnswer,
} from './escalation-tool';
export * from './connect-pillar';
export * from './watch-sidebar-tabs';
