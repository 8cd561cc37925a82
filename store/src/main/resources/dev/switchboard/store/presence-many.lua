-- Reads the connections of many users in one command (route-service resolving a group's members).
-- KEYS[i] presence:{userId}   HASH "{gatewayId}/{connectionId}" -> "{clientType}:{status}:{sinceMillis}"
-- Returns, in KEYS order, each user's hash as HGETALL gives it (empty when the user has no connection).
local out = {}
for i = 1, #KEYS do
  out[i] = redis.call('HGETALL', KEYS[i])
end
return out
