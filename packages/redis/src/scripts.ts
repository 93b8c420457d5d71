import { script } from './client';

// Every script touches only the keys it is given (KEYS), so it also runs on a cluster.
// Records are JSON strings: {"f": fingerprint, "o": owner} while claimed, {"f", "a": answer} once answered.

/** Extends the lease if ARGV[1] still owns the claim: 1, else 0. */
export const RENEW = script(`
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local r = cjson.decode(v)
if r.a ~= nil or r.o ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`);

/** Drops the claim if ARGV[1] still owns it (never an answer): 1 when dropped. */
export const RELEASE = script(`
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local r = cjson.decode(v)
if r.a ~= nil or r.o ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`);

/** Claims, or returns the record and its PTTL: nil when claimed, else {record, pttl}. SET NX GET in one step. */
export const CLAIM = script(`
local old = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2], 'GET')
if not old then return nil end
return {old, redis.call('PTTL', KEYS[1])}
`);

/** Appends an attempt and (re)sets the list's TTL: the list's length. */
export const APPEND = script(`
local n = redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return n
`);

/** Counts a hit in a fixed window: {count, pttl}. */
export const HIT = script(`
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}
`);
