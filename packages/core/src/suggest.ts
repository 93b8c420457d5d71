// The `@pillar/escalation-core/suggest` entry: apps that do not suggest escalation do not ship the signal table.
export * from './suggest/index';
