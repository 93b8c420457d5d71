import type { ChaosRunSettings } from './run';

/**
 * The bounded run, each figure overridable by environment: `CHAOS_N` escalations
 * (1,000), `CHAOS_CLIENTS` browsers at once (30), `CHAOS_FAULT_RATE` (0.3), `CHAOS_SEED`,
 * `CHAOS_CLIENT_TRIES` (the app's escalate calls per escalation, 10: a retryable answer is asked
 * again for about a minute),
 * `CHAOS_TRUST_INTERCOM_SEARCH` (`0` for the Intercom adapter's default, which never takes an
 * empty search as proof) and `CHAOS_STORE` (`memory` shows two instances without the shared
 * store: expect the targets to fail).
 */
export function chaosSettingsFromEnv(env: NodeJS.ProcessEnv, redisUrl: string): ChaosRunSettings {
  const num = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got ${JSON.stringify(raw)}`);
    return value;
  };
  const adapterTimeoutMs = 1_000;
  return {
    escalations: num('CHAOS_N', 1_000),
    clients: num('CHAOS_CLIENTS', 30),
    instances: 2,
    faultRate: num('CHAOS_FAULT_RATE', 0.3),
    seed: num('CHAOS_SEED', 13),
    adapterTimeoutMs,
    slowMs: adapterTimeoutMs + 500,
    leaseMs: 3_000,
    store: env.CHAOS_STORE === 'memory' ? 'memory' : 'redis',
    redisUrl,
    killAt: 0.4,
    downMs: 1_000,
    patience: { tries: num('CHAOS_CLIENT_TRIES', 10), backoffMs: 1_000 },
    trustIntercomSearch: env.CHAOS_TRUST_INTERCOM_SEARCH !== '0',
  };
}
