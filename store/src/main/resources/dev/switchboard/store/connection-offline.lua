-- A connection went away: remove exactly that connection (gateway id and connection id), never a newer one.
-- KEYS[1] presence:{userId}                 HASH
-- KEYS[2] gateway:{gatewayId}:connections   SET
-- ARGV[1] field  "{gatewayId}/{connectionId}"
-- ARGV[2] member "{userId}/{connectionId}"
-- Returns 1 when the connection was present.
local removed = redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[2], ARGV[2])
return removed
