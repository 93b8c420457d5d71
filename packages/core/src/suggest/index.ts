export * from './suggest-escalation';
export { SIGNALS, LEXICON, NEGATIONS, SUGGEST_THRESHOLD, type Signal, type SignalKind } from './signals';
