export { redisStores, type RedisStores, type RedisStoresOptions } from './stores';
export type { RedisCommander } from './client';
