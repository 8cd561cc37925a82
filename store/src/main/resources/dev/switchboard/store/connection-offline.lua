-- A connection went away: remove exactly that connection (gateway id and connection id), never a newer one, and
-- leave a tombstone so neither a late snapshot taken before the close nor a redelivered ONLINE brings it back.
-- KEYS[1] presence:{userId}                 HASH
-- KEYS[2] gateway:{gatewayId}:connections   ZSET
-- KEYS[3] gateway:{gatewayId}:closed        ZSET connection id, score = when the close was applied (epoch millis)
-- ARGV[1] field  "{gatewayId}/{connectionId}"
-- ARGV[2] member "{userId}/{connectionId}"
-- ARGV[3] connection id
-- ARGV[4] now, epoch millis
-- ARGV[5] tombstone lifetime, millis: older tombstones are dropped
-- Returns {removed, remaining}: removed is the connection's value "{clientType}:{status}:{sinceMillis}", or '' when
-- it was not recorded (already kicked or purged); remaining the user's connections afterwards, flat {field, value}.
local value = redis.call('HGET', KEYS[1], ARGV[1])
if value then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  value = ''
end
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', tonumber(ARGV[4]) - tonumber(ARGV[5]))
redis.call('PEXPIRE', KEYS[3], ARGV[5])
return {value, redis.call('HGETALL', KEYS[1])}
