-- KEYS[1]: the counter. ARGV: usage counted elsewhere, when the counter expires (Unix milliseconds).
-- Unlike acquire.lua this never refuses: the calls were already admitted.
local used = redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return used
