export * from './calendly-scheduling';
export * from './embed-api';
