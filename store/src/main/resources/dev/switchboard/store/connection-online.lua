-- A connection came online: record it under its user and under its gateway.
-- KEYS[1] presence:{userId}                 HASH
-- KEYS[2] gateway:{gatewayId}:connections   SET
-- ARGV[1] field  "{gatewayId}/{connectionId}"
-- ARGV[2] value  "{clientType}:{status}:{sinceMillis}"
-- ARGV[3] member "{userId}/{connectionId}"
-- Returns 1 when the connection was new.
local added = redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return added
