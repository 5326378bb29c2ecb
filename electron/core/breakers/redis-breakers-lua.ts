// The fleet breakers' Lua scripts: the CircuitBreaker state machine (breaker.ts) run atomically in
// Redis, one EVALSHA per call, each change published on the fleet's breaker channel.
//
// Keys (under the fleet's hash tag {ns}):
//   {ns}:breaker:P        HASH  state, epoch, ver, failures, half_ok, trials, opened_at, forced
//   {ns}:breaker:P:log    LIST  the newest transitions, JSON {at, from, to, cause}, newest first
//   {ns}:breakers         SET   every provider that has a breaker
//
// `epoch` is bumped on every transition (a permit granted under an older epoch no longer steers
// the state, as in breaker.ts); `ver` on every change, so that an instance applies a state it gets
// (as a reply or a message, in whatever order they arrive) only if it is newer than what it has.
// Every script answers with the state as JSON, the same JSON it publishes when something changed:
// {provider, state, epoch, ver, failures, halfOk, trials, openedAt, forced, now, origin, transition?}
import { LuaScript } from '../redis/redis-connection';

// KEYS: state hash, log list, providers set. ARGV[1..3]: provider, instance, channel.
const PRELUDE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local provider, instance, channel = ARGV[1], ARGV[2], ARGV[3]
local v = redis.call('HMGET', KEYS[1], 'state', 'epoch', 'ver', 'failures', 'half_ok', 'trials', 'opened_at', 'forced')
local s = {
  state = v[1] or 'closed', epoch = tonumber(v[2] or '0'), ver = tonumber(v[3] or '0'),
  failures = tonumber(v[4] or '0'), half_ok = tonumber(v[5] or '0'), trials = tonumber(v[6] or '0'),
  opened_at = tonumber(v[7] or '0'), forced = v[8] == '1'
}
local tr = nil
local function encode()
  return cjson.encode({provider = provider, state = s.state, epoch = s.epoch, ver = s.ver,
    failures = s.failures, halfOk = s.half_ok, trials = s.trials, openedAt = s.opened_at,
    forced = s.forced, now = now, origin = instance, transition = tr})
end
local function transition(to, cause, maxLog)
  tr = {at = now, from = s.state, to = to, cause = cause}
  s.state = to
  s.epoch = s.epoch + 1
  redis.call('LPUSH', KEYS[2], cjson.encode(tr))
  redis.call('LTRIM', KEYS[2], 0, maxLog - 1)
end
-- Saves the state (a new ver) and publishes it; returns the JSON.
local function commit()
  s.ver = s.ver + 1
  redis.call('HSET', KEYS[1], 'state', s.state, 'epoch', s.epoch, 'ver', s.ver, 'failures', s.failures,
    'half_ok', s.half_ok, 'trials', s.trials, 'opened_at', s.opened_at, 'forced', s.forced and '1' or '0')
  redis.call('SADD', KEYS[3], provider)
  local msg = encode()
  redis.call('PUBLISH', channel, msg)
  return msg
end
`;

/**
 * ACQUIRE: asked only when the caller's cached state is not closed (a closed breaker grants
 * locally). ARGV[4..6]: timeoutMs, halfOpenMaxCalls, maxTransitions.
 * Returns {verdict, reason or '', retryAfterMs, epoch, trial (0/1), stateJson}; verdict 'granted'
 * or 'refused' (reason 'open' | 'forced_open' | 'half_open_busy').
 */
export const ACQUIRE = new LuaScript(
  'breaker.acquire',
  `${PRELUDE}
local timeout, halfMax, maxLog = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local changed = false
if s.state == 'open' then
  if s.forced then return {'refused', 'forced_open', timeout, s.epoch, 0, encode()} end
  if now - s.opened_at > timeout then
    s.half_ok = 0
    s.trials = 0
    transition('half_open', 'timeout elapsed', maxLog)
    changed = true
  else
    return {'refused', 'open', s.opened_at + timeout + 1 - now, s.epoch, 0, encode()}
  end
end
if s.state == 'half_open' then
  if s.trials >= halfMax then
    local msg = changed and commit() or encode()
    return {'refused', 'half_open_busy', 1000, s.epoch, 0, msg}
  end
  s.trials = s.trials + 1
  return {'granted', '', 0, s.epoch, 1, commit()}
end
return {'granted', '', 0, s.epoch, 0, changed and commit() or encode()}
`,
);

/**
 * REPORT: a permit's outcome. ARGV[4..9]: epoch, trial (0/1), ok (0/1), cause, failureThreshold,
 * successThreshold; ARGV[10]: maxTransitions.
 * Returns {verdict, stateJson}: 'counted', or 'stale' (the state moved on since the permit).
 */
export const REPORT = new LuaScript(
  'breaker.report',
  `${PRELUDE}
if tonumber(ARGV[4]) ~= s.epoch then return {'stale', encode()} end
local ok, cause = ARGV[6] == '1', ARGV[7]
local failureThreshold, successThreshold, maxLog = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
if ARGV[5] == '1' and s.trials > 0 then s.trials = s.trials - 1 end
if ok then
  s.failures = 0
  if s.state == 'half_open' then
    s.half_ok = s.half_ok + 1
    if s.half_ok >= successThreshold then
      local n = s.half_ok
      s.half_ok = 0
      transition('closed', n .. ' trial success' .. (n == 1 and '' or 'es'), maxLog)
    end
  end
else
  s.failures = s.failures + 1
  if s.state == 'half_open' then
    s.opened_at = now
    s.half_ok = 0
    s.trials = 0
    transition('open', 'trial failed: ' .. cause, maxLog)
  elseif s.state == 'closed' and s.failures >= failureThreshold then
    s.opened_at = now
    transition('open', s.failures .. ' consecutive failures: ' .. cause, maxLog)
  end
end
return {'counted', commit()}
`,
);

/**
 * OPERATE: an operator's reset or force-open, for the whole fleet. ARGV[4..6]: action ('reset' |
 * 'force_open'), cause, maxTransitions. Returns {stateJson}.
 */
export const OPERATE = new LuaScript(
  'breaker.operate',
  `${PRELUDE}
local action, cause, maxLog = ARGV[4], ARGV[5], tonumber(ARGV[6])
s.half_ok = 0
s.trials = 0
if action == 'reset' then
  s.failures = 0
  s.forced = false
  transition('closed', cause, maxLog)
elseif action == 'force_open' then
  s.forced = true
  s.opened_at = now
  transition('open', cause, maxLog)
else
  return redis.error_reply('unknown breaker action ' .. action)
end
return {commit()}
`,
);

/** LOAD: the state and the newest transitions (newest first), changing nothing. ARGV[4]: how many. */
export const LOAD = new LuaScript(
  'breaker.load',
  `${PRELUDE}
return {encode(), redis.call('LRANGE', KEYS[2], 0, tonumber(ARGV[4]) - 1)}
`,
);
