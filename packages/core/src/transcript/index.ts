export {
  CARD_RULES,
  composeRedactors,
  createRedactor,
  defaultRedactor,
  luhnValid,
  redactContext,
  resolveRedactor,
  SECRET_RULES,
  type RedactionReplacement,
  type RedactionRule,
  type Redactor,
  type RedactorOptions,
} from './redact';
export { escapeHtml, truncateText } from './text';
export { firstUserMessage, titleFromContext, type FirstUserMessageOptions, type TitleOptions } from './title';
export { escapeMarkdown, type TranscriptFormat } from './formats';
export { renderTranscript, transcriptRenderer, type RenderTranscriptOptions } from './render';
