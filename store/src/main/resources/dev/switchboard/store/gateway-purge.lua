-- Releases everything a gateway held: its lease, its info and every connection of its users' presence.
-- Only if the lease is (still) expired at ARGV[3], or ARGV[4] == 'force' (the gateway said it is stopping).
-- KEYS[1] gateway:leases                    ZSET
-- KEYS[2] gateway:{gatewayId}               HASH
-- KEYS[3] gateway:{gatewayId}:connections   ZSET of "{userId}/{connectionId}"
-- ARGV[1] key prefix (presence keys are "{prefix}presence:{userId}")
-- ARGV[2] gateway id
-- ARGV[3] now, epoch millis
-- ARGV[4] 'force' or 'expired'
-- Returns {'purged', member, value, ...}: each removed connection as "{userId}/{connectionId}" and its presence value
-- "{clientType}:{status}:{sinceMillis}" ('' when its user's hash no longer had it); or {'renewed'} when the lease was
-- renewed. Tombstones (gateway:{gatewayId}:closed) stay: the purged connections may be alive and come back in a
-- snapshot, the closed ones never may.
local expiry = redis.call('ZSCORE', KEYS[1], ARGV[2])
if ARGV[4] ~= 'force' and expiry and tonumber(expiry) > tonumber(ARGV[3]) then
  return {'renewed'}
end
local removed = {'purged'}
for _, member in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
  local slash = string.find(member, '/', 1, true)
  local userId = string.sub(member, 1, slash - 1)
  local connectionId = string.sub(member, slash + 1)
  local presence = ARGV[1] .. 'presence:' .. userId
  local field = ARGV[2] .. '/' .. connectionId
  local value = redis.call('HGET', presence, field)
  redis.call('HDEL', presence, field)
  removed[#removed + 1] = member
  removed[#removed + 1] = value or ''
end
redis.call('DEL', KEYS[3], KEYS[2])
redis.call('ZREM', KEYS[1], ARGV[2])
return removed
