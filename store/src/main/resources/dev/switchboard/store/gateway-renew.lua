-- A gateway renews its lease and reports its load.
-- KEYS[1] gateway:leases          ZSET  gateway id -> expiry (epoch millis)
-- KEYS[2] gateway:{gatewayId}     HASH  host, backup_host, port, connections, max_connections
-- ARGV[1] gateway id
-- ARGV[2] expiry, epoch millis
-- ARGV[3..] field, value pairs for KEYS[2]
-- Returns 1 when the gateway was not leased before (new or re-registered).
local fresh = redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local fields = {}
for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[2], unpack(fields))
return fresh
