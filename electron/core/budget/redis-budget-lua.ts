// The fleet budget's Lua scripts: each runs atomically in Redis, one EVALSHA per call.
//
// Keys (all under the fleet's hash tag {ns}, so one Redis Cluster slot holds them):
//   {ns}:budget:holds            ZSET  reservation id -> expiry (Redis TIME, ms)
//   {ns}:budget:hold_amounts     HASH  reservation id -> micro-dollars held
//   {ns}:budget:reserved         STRING the sum of hold_amounts (kept equal by every script)
//   {ns}:budget:settled          ZSET  settled id -> until when it is remembered (idempotency)
//   {ns}:budget:day:D:totals     HASH  spent, requests, tokens of budget day D (settled only)
//   {ns}:budget:day:D:provider   HASH  m:NAME micro, r:NAME requests, t:NAME tokens
//   {ns}:budget:day:D:model      HASH  (same, per model)
//   {ns}:budget:day:D:instance   HASH  (same, per gateway instance)
//
// Holds are not per day, as in the in-memory tracker (whose reservations outlive a day's roll):
// what is committed on day D is D's settled spend plus every live hold. Every script first drops
// holds whose expiry has passed (and subtracts them from `reserved`), so an expired hold stops
// counting at the same atomic step that looks at the sum. Times come from Redis's clock (TIME), one
// clock for the whole fleet; the day D is named by the caller from its configured time zone.
//
// Amounts travel as decimal strings of integer micro-dollars and are passed to INCRBY/HINCRBY as
// the strings they came in (never through a Lua number turned back into text).
import { LuaScript } from '../redis/redis-connection';

const PRELUDE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function purge(holds, amounts, reserved)
  local dead = redis.call('ZRANGEBYSCORE', holds, '-inf', now)
  for i = 1, #dead do
    local amt = redis.call('HGET', amounts, dead[i])
    if amt then
      redis.call('HDEL', amounts, dead[i])
      if amt ~= '0' then redis.call('DECRBY', reserved, amt) end
    end
  end
  if #dead > 0 then redis.call('ZREMRANGEBYSCORE', holds, '-inf', now) end
  return #dead
end
`;

/**
 * RESERVE
 * KEYS: holds, hold_amounts, reserved, day totals
 * ARGV: id, micro, ttlMs, limitMicro, hardPct, softPct, softMode ('refuse' | 'warn')
 * Returns {verdict, status, spentMicro, reservedMicro (after), now}; verdict is
 *   'held'          the hold was made
 *   'again'         a hold with this id already exists (a retried reserve): its expiry is renewed
 *   'refused'       the committed sum is already at a limit that refuses (status says which)
 *   'would_exceed'  committed + micro would pass the hard limit
 */
export const RESERVE = new LuaScript(
  'budget.reserve',
  `${PRELUDE}
purge(KEYS[1], KEYS[2], KEYS[3])
local id, micro, ttl = ARGV[1], ARGV[2], tonumber(ARGV[3])
local spent = tonumber(redis.call('HGET', KEYS[4], 'spent') or '0')
local reserved = tonumber(redis.call('GET', KEYS[3]) or '0')
if redis.call('HEXISTS', KEYS[2], id) == 1 then
  redis.call('ZADD', KEYS[1], 'XX', now + ttl, id)
  return {'again', 'OK', spent, reserved, now}
end
local limit, hardPct, softPct = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local committed = spent + reserved
local status = 'OK'
if committed * 100 >= hardPct * limit then status = 'HARD_LIMIT_EXCEEDED'
elseif committed * 100 >= softPct * limit then status = 'SOFT_LIMIT_EXCEEDED' end
if status == 'HARD_LIMIT_EXCEEDED' or (status == 'SOFT_LIMIT_EXCEEDED' and ARGV[7] ~= 'warn') then
  return {'refused', status, spent, reserved, now}
end
if (committed + tonumber(micro)) * 100 > hardPct * limit then
  return {'would_exceed', status, spent, reserved, now}
end
redis.call('ZADD', KEYS[1], now + ttl, id)
redis.call('HSET', KEYS[2], id, micro)
local after = redis.call('INCRBY', KEYS[3], micro)
return {'held', status, spent, after, now}
`,
);

/**
 * SETTLE (or release)
 * KEYS: holds, hold_amounts, reserved, settled, day totals, day provider, day model, day instance
 * ARGV: id, actualMicro ('' = release: no cost), tokens, provider, model, instance,
 *       rememberMs (how long a settled id is remembered), dayKeepMs (how long day keys are kept)
 * Returns {verdict, heldMicro, now}; verdict is
 *   'settled'     the cost was counted (and the hold, if still live, ended)
 *   'released'    release: the hold, if still live, ended; nothing counted
 *   'duplicate'   this id was already settled: nothing changed
 * heldMicro is the amount the live hold had ('0' when it had expired or never existed).
 */
export const SETTLE = new LuaScript(
  'budget.settle',
  `${PRELUDE}
purge(KEYS[1], KEYS[2], KEYS[3])
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
local id, actual = ARGV[1], ARGV[2]
if redis.call('ZSCORE', KEYS[4], id) then return {'duplicate', '0', now} end
local held = redis.call('HGET', KEYS[2], id)
if held then
  redis.call('ZREM', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
  if held ~= '0' then redis.call('DECRBY', KEYS[3], held) end
else
  held = '0'
end
if actual == '' then return {'released', held, now} end
local tokens, provider, model, instance = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local keep = tonumber(ARGV[8])
redis.call('HINCRBY', KEYS[5], 'spent', actual)
redis.call('HINCRBY', KEYS[5], 'requests', 1)
redis.call('HINCRBY', KEYS[5], 'tokens', tokens)
local names = {provider, model, instance}
for i = 1, 3 do
  local h = KEYS[5 + i]
  redis.call('HINCRBY', h, 'm:' .. names[i], actual)
  redis.call('HINCRBY', h, 'r:' .. names[i], 1)
  redis.call('HINCRBY', h, 't:' .. names[i], tokens)
  redis.call('PEXPIRE', h, keep)
end
redis.call('PEXPIRE', KEYS[5], keep)
redis.call('ZADD', KEYS[4], now + tonumber(ARGV[7]), id)
return {'settled', held, now}
`,
);

/**
 * REFRESH: a live instance renews the expiry of its holds still in flight (one call for all).
 * KEYS: holds, hold_amounts, reserved
 * ARGV: ttlMs, id...
 * Returns {renewed, now}: how many of the ids were still held.
 */
export const REFRESH = new LuaScript(
  'budget.refresh',
  `${PRELUDE}
purge(KEYS[1], KEYS[2], KEYS[3])
local ttl = tonumber(ARGV[1])
local renewed = 0
for i = 2, #ARGV do
  renewed = renewed + redis.call('ZADD', KEYS[1], 'XX', 'CH', now + ttl, ARGV[i])
end
return {renewed, now}
`,
);

/**
 * SNAPSHOT: the fleet's figures for one day, after dropping expired holds.
 * KEYS: holds, hold_amounts, reserved, day totals, day provider, day model, day instance
 * Returns {now, reservedMicro, liveHolds, totals, provider, model, instance} (the hashes flat).
 */
export const SNAPSHOT = new LuaScript(
  'budget.snapshot',
  `${PRELUDE}
purge(KEYS[1], KEYS[2], KEYS[3])
return {now, redis.call('GET', KEYS[3]) or '0', redis.call('ZCARD', KEYS[1]),
  redis.call('HGETALL', KEYS[4]), redis.call('HGETALL', KEYS[5]),
  redis.call('HGETALL', KEYS[6]), redis.call('HGETALL', KEYS[7])}
`,
);
