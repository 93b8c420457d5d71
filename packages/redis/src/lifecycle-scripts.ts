import { script } from './client';

// A lifecycle's three keys share one hash tag, so each script runs on one cluster slot:
// KEYS[1] the hash (r: record JSON, seq, state, text, latest), KEYS[2] the entry list (JSON,
// oldest first), KEYS[3] the set of applied event ids. Entries are built in JavaScript without
// their seq, which the script puts first: no number passes through cjson.

/** Creates the lifecycle with its `created` entry unless it exists: 1 when created. ARGV: record, entry, ttl. */
export const LIFECYCLE_OPEN = script(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[2], KEYS[3])
redis.call('HSET', KEYS[1], 'r', ARGV[1], 'seq', 1, 'state', 'created', 'text', '')
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
`);

/**
 * Applies one change: {'unknown'} | {'duplicate'} | {'stale'} | {'unchanged'} |
 * {'applied', entry, previous}. ARGV: event id, at, state, text ('' for none), has text ('1'/'0'),
 * ttl, entry JSON without seq, most entries kept.
 */
export const LIFECYCLE_APPLY = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {'unknown'} end
if redis.call('SADD', KEYS[3], ARGV[1]) == 0 then return {'duplicate'} end
redis.call('PEXPIRE', KEYS[3], ARGV[6])
local latest = redis.call('HGET', KEYS[1], 'latest')
if latest and tonumber(ARGV[2]) < tonumber(latest) then return {'stale'} end
redis.call('HSET', KEYS[1], 'latest', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
local state = redis.call('HGET', KEYS[1], 'state')
if state == ARGV[3] and (ARGV[5] == '0' or ARGV[4] == redis.call('HGET', KEYS[1], 'text')) then return {'unchanged'} end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSET', KEYS[1], 'state', ARGV[3], 'text', ARGV[4])
local entry = '{"seq":' .. seq .. ',' .. string.sub(ARGV[7], 2)
redis.call('RPUSH', KEYS[2], entry)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[8]), -1)
return {'applied', entry, state}
`);

/** The record and every kept entry in one read: nil when there is no lifecycle, else {record, entry...}. */
export const LIFECYCLE_READ = script(`
local r = redis.call('HGET', KEYS[1], 'r')
if not r then return nil end
local out = {r}
for _, e in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do out[#out + 1] = e end
return out
`);
