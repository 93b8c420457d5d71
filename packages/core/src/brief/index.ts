export { handoffBrief } from './handoff-brief';
export type { BriefQuote, BriefSignal, BriefStep, HandoffBrief, HandoffBriefOptions } from './types';
export { AGENT_LANGUAGES, type AgentLanguage } from './labels';
export {
  BRIEF_SETTINGS,
  DEFAULT_SUMMARIZE_TIMEOUT_MS,
  MAX_SUMMARY_LENGTH,
  type BriefOutcome,
  type BriefSettings,
  type SummarizeBrief,
} from './settings';
