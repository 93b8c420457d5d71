export * from './fields';
export * from './mapping';
export * from './subject';
export * from './widget-ready';
export * from './widget';
