// The `@pillar/escalation-core/sidebar` entry: what a page needs before the first click (the
// tabs, their gates, and a sidebar binding that loads the rest on use). It never reaches core's
// main entry, so a bundler keeps the registry, adapters, transcripts and the relay client out of
// the page's first bytes. See docs/performance.md.
export { sidebarTabs, type SidebarOption } from './lazy/sidebar-tabs';
export { connectPillarLazily, type ConnectPillarLazilyOptions, type LoadEscalation } from './lazy/connect-lazily';
export type { PrefetchOptions } from './lazy/prefetch';
export type { Gate } from './gates/gate';
export * from './gates/user';
export * from './gates/combinators';
export * from './gates/business-hours';
export type { SidebarIcon, SidebarTab } from './option';
export type { EscalationContext, EscalationUser } from './context/types';
export type { PillarLike, PillarSidebarClick } from './pillar/pillar-like';
