-- KEYS[1]: the counter. ARGV: cost, limit, when the counter expires (Unix milliseconds).
-- Returns what is left under the limit, or -1 (refused) without counting anything: reading before
-- adding keeps the counter at or under the limit, so concurrent callers get exactly the limit.
local cost = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used + cost > limit then
  return -1
end
used = redis.call('INCRBY', KEYS[1], cost)
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return limit - used
