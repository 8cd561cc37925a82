-- Records one failed login of a subject (a login name or a source address) and starts or extends its backoff.
-- KEYS[1] login-failures:{subject}  HASH  count: failures within the window; blocked: epoch millis until which the
--                                         subject's logins are refused
-- ARGV[1] now, epoch millis
-- ARGV[2] window, millis: the hash expires this long after the last failure (or when the backoff ends, if later)
-- ARGV[3] threshold: the count at which the first backoff starts
-- ARGV[4] backoff, millis: the first backoff; each further failure doubles it
-- ARGV[5] max backoff, millis
-- Returns the blocked-until time, epoch millis; 0 when the subject is below the threshold.
local now = tonumber(ARGV[1])
local count = redis.call('HINCRBY', KEYS[1], 'count', 1)
local threshold = tonumber(ARGV[3])
local blocked = 0
if count >= threshold then
  local doublings = math.min(count - threshold, 40)
  local backoff = math.min(tonumber(ARGV[4]) * (2 ^ doublings), tonumber(ARGV[5]))
  blocked = now + math.floor(backoff)
  redis.call('HSET', KEYS[1], 'blocked', string.format('%.0f', blocked))
end
redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[2]), blocked - now))
return blocked
