export * from './types';
export * from './messages';
export * from './describe';
export * from './follow';
export * from './track';
export * from './styles';
export * from './element';
