import { sha256Hex } from './sha';

/**
 * The one method the stores use: a raw command, as node-redis (4, 5 and 6) has it,
 * `client.sendCommand(['SET', key, value, 'NX', 'PX', '1000', 'GET'])`. Any client with the same
 * method works (wrap ioredis as `{ sendCommand: (args) => redis.call(...args) }`).
 */
export interface RedisCommander {
  /** Sends one command; resolves with Redis's reply (strings, numbers, arrays, `null`). */
  sendCommand(args: string[]): Promise<unknown>;
}

/** A Lua script run by `EVALSHA`, sent once with `EVAL` when the server does not have it yet. */
export interface Script {
  source: string;
  sha: string;
}

/** A script and its SHA-1 (what `EVALSHA` names it by). */
export function script(source: string): Script {
  return { source, sha: sha256Hex(source, 'sha1') };
}

/** Runs a script by its SHA; on `NOSCRIPT` (a fresh or flushed server) sends it whole once. */
export async function run(client: RedisCommander, s: Script, keys: string[], args: string[]): Promise<unknown> {
  try {
    return await client.sendCommand(['EVALSHA', s.sha, String(keys.length), ...keys, ...args]);
  } catch (error) {
    if (!String((error as { message?: unknown } | null)?.message ?? '').startsWith('NOSCRIPT')) throw error;
    return client.sendCommand(['EVAL', s.source, String(keys.length), ...keys, ...args]);
  }
}
