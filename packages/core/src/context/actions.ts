import { describe, invalidContext, isArray, isPlainObject, own } from './issue';

/** One product action the co-pilot ran, as the Pillar SDK reported it (`task:complete`, `tool:result`). */
export interface CopilotAction {
  /** The task or tool name, e.g. `export_invoice` (1 to 128 characters). */
  name: string;
  /** `succeeded` or `failed`, as the SDK reported it. */
  outcome: 'succeeded' | 'failed';
  /** When it finished: an ISO 8601 date-time with a time zone. */
  at?: string;
}

/**
 * What the co-pilot saw and did in the product while connected: the actions it ran and what the
 * app last gave `pillar.setContext`. `connectPillar` records it; apps may set it themselves.
 */
export interface CopilotActivity {
  /** The latest actions, oldest first (at most {@link MAX_COPILOT_ACTIONS}). */
  actions?: CopilotAction[];
  /** `currentPage` from `pillar.setContext`, e.g. `/settings/billing` (at most 512 characters). */
  page?: string;
  /** `currentFeature` from `pillar.setContext`, e.g. `Billing settings` (at most 256 characters). */
  feature?: string;
  /** The error state from `pillar.setContext` or `setErrorState`, as `code: message` (at most 1,024 characters). */
  error?: string;
}

/** Most actions a context carries; `connectPillar` keeps the latest ones. */
export const MAX_COPILOT_ACTIONS = 20;
const MAX_ACTION_NAME = 128;
const TEXT_FIELDS = [
  ['page', 512],
  ['feature', 256],
  ['error', 1_024],
] as const;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const OUTCOMES = ['succeeded', 'failed'] as const;

/**
 * Validates `copilot` of an untrusted context: a plain object of bounded strings and at most
 * {@link MAX_COPILOT_ACTIONS} actions. `count(length, path)` adds each kept string to the
 * context's total (so `maxTotalLength` holds). Throws `INVALID_CONTEXT` naming the path.
 * @internal
 */
export function parseCopilotActivity(value: unknown, count: (length: number, path: string) => void): CopilotActivity {
  if (!isPlainObject(value)) throw invalidContext({ path: 'copilot', reason: 'type' }, `must be a plain object (got ${describe(value)})`);
  const activity: CopilotActivity = {};
  for (const [field, max] of TEXT_FIELDS) {
    const raw = own(value, field);
    if (raw == null) continue;
    const path = `copilot.${field}`;
    if (typeof raw !== 'string') throw invalidContext({ path, reason: 'type' }, `must be a string (got ${describe(raw)})`);
    const text = raw.trim();
    if (text === '') continue;
    if (text.length > max) throw invalidContext({ path, reason: 'length' }, `must be at most ${max} characters (got ${text.length})`);
    count(text.length, path);
    activity[field] = text;
  }
  const actions = own(value, 'actions');
  if (actions != null) {
    if (!isArray(actions)) throw invalidContext({ path: 'copilot.actions', reason: 'type' }, `must be an array (got ${describe(actions)})`);
    if (actions.length > MAX_COPILOT_ACTIONS) {
      throw invalidContext({ path: 'copilot.actions', reason: 'length' }, `must have at most ${MAX_COPILOT_ACTIONS} items (got ${actions.length})`);
    }
    activity.actions = actions.map((raw, i) => parseAction(raw, `copilot.actions[${i}]`, count));
  }
  return activity;
}

function parseAction(raw: unknown, path: string, count: (length: number, path: string) => void): CopilotAction {
  if (!isPlainObject(raw)) throw invalidContext({ path, reason: 'type' }, `must be a plain object (got ${describe(raw)})`);
  const name = own(raw, 'name');
  if (typeof name !== 'string') throw invalidContext({ path: `${path}.name`, reason: 'type' }, `must be a string (got ${describe(name)})`);
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_ACTION_NAME) {
    throw invalidContext({ path: `${path}.name`, reason: 'length' }, `must be 1 to ${MAX_ACTION_NAME} characters after trimming (got ${trimmed.length})`);
  }
  const outcome = own(raw, 'outcome');
  if (typeof outcome !== 'string' || !(OUTCOMES as readonly string[]).includes(outcome)) {
    throw invalidContext({ path: `${path}.outcome`, reason: 'enum' }, `must be one of ${OUTCOMES.join(', ')}`);
  }
  count(trimmed.length, `${path}.name`);
  const action: CopilotAction = { name: trimmed, outcome: outcome as CopilotAction['outcome'] };
  const at = own(raw, 'at');
  if (at != null) {
    if (typeof at !== 'string' || !DATE_TIME.test(at) || Number.isNaN(Date.parse(at))) {
      throw invalidContext({ path: `${path}.at`, reason: 'format' }, 'must be an ISO 8601 date-time with a time zone, like 2026-05-04T09:30:00Z');
    }
    count(at.length, `${path}.at`);
    action.at = at;
  }
  return action;
}
