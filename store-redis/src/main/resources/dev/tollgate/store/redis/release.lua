-- KEYS[1]: the counter. ARGV: the cost to give back.
-- A counter that already expired is left alone: DECRBY would create it anew without an expiry.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('DECRBY', KEYS[1], ARGV[1])
end
return 0
