export * from './pillar-like';
export * from './escalation-tool';
export * from './connect-pillar';
export * from './watch-sidebar-tabs';
