-- A connection went away: remove exactly that connection (gateway id and connection id), never a newer one.
-- KEYS[1] presence:{userId}                 HASH
-- KEYS[2] gateway:{gatewayId}:connections   SET
-- ARGV[1] field  "{gatewayId}/{connectionId}"
-- ARGV[2] member "{userId}/{connectionId}"
-- Returns {removed, remaining}: removed is the connection's value "{clientType}:{status}:{sinceMillis}", or '' when
-- it was not recorded (already kicked or purged); remaining the user's connections afterwards, flat {field, value}.
local value = redis.call('HGET', KEYS[1], ARGV[1])
if value then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  value = ''
end
redis.call('SREM', KEYS[2], ARGV[2])
return {value, redis.call('HGETALL', KEYS[1])}
