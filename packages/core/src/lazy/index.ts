export { DEFAULT_LAZY_LOAD_TIMEOUT_MS, isLazyAdapter, LAZY_ADAPTER, lazyAdapter, type LazyAdapter, type LazyAdapterSpec } from './lazy-adapter';
export type { PrefetchOptions } from './prefetch';
