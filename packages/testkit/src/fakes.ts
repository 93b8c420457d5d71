export * from './fakes/global';
export * from './fakes/zendesk';
export * from './fakes/freshdesk';
export * from './fakes/intercom';
export * from './fakes/calendly';
