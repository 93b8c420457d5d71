export * from './fixtures';
export * from './arbitrary';
export * from './conformance-error';
export * from './checks';
export * from './conformance';
export * from './render';
export * from './html-scan';
export * from './json';
