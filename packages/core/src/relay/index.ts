export * from './relay';
export { fitContextForRelay, type RelayBudget } from './fit-context';
