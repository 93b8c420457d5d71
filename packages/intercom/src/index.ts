export * from './messenger/messenger';
export { DEFAULT_MESSAGE_LENGTH } from './messenger/message';
export type { IntercomRegion, MessengerSdkRegion } from './messenger/region';
