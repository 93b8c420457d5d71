export * from './create-registry';
export * from './escalation-key';
export * from './events';
export * from './registry';
export * from './attempt-journal';
