-- A gateway renews its lease and reports its load.
-- KEYS[1] gateway:leases          ZSET  gateway id -> expiry (epoch millis)
-- KEYS[2] gateway:{gatewayId}     HASH  host, backup_host, port, connections, max_connections, run
-- ARGV[1] gateway id
-- ARGV[2] expiry, epoch millis
-- ARGV[3] run id (when this run of the gateway started, epoch millis; '0' = not said)
-- ARGV[4..] field, value pairs for KEYS[2]
-- Returns 1 when the gateway was not leased before (new, or purged and back) or this is a new run under its id: the
-- caller asks it for a snapshot.
local fresh = redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
if ARGV[3] ~= '0' then
  if redis.call('HGET', KEYS[2], 'run') ~= ARGV[3] then
    fresh = 1
  end
  redis.call('HSET', KEYS[2], 'run', ARGV[3])
end
local fields = {}
for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[2], unpack(fields))
return fresh
