export * from './messenger/messenger';
export * from './messenger/message';
export * from './messenger/region';
