export * from './suggest-escalation';
