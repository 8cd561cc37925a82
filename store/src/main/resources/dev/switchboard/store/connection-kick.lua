-- Removes a user's connections of one client class (IMKickPCClientReq: a mobile client kicks the PC), except the
-- requesting connection.
-- KEYS[1] presence:{userId}                 HASH "{gatewayId}/{connectionId}" -> "{clientType}:{status}:{sinceMillis}"
-- ARGV[1] key prefix (a connection's gateway set is "{prefix}gateway:{gatewayId}:connections")
-- ARGV[2] user id
-- ARGV[3] class to remove: 'pc' or 'mobile'
-- ARGV[4] field of the requesting connection, never removed
-- Returns {losers, remaining}: flat {field, value, ...} lists of the connections removed and of those left.
local wantMobile = ARGV[3] == 'mobile'
local losers = {}
local existing = redis.call('HGETALL', KEYS[1])
for i = 1, #existing, 2 do
  local other, value = existing[i], existing[i + 1]
  local mobile = bit.band(tonumber(string.match(value, '^%d+')), 0x10) == 0x10
  if other ~= ARGV[4] and mobile == wantMobile then
    local slash = string.find(other, '/', 1, true)
    redis.call('HDEL', KEYS[1], other)
    redis.call('ZREM', ARGV[1] .. 'gateway:' .. string.sub(other, 1, slash - 1) .. ':connections',
      ARGV[2] .. '/' .. string.sub(other, slash + 1))
    losers[#losers + 1] = other
    losers[#losers + 1] = value
  end
end
return {losers, redis.call('HGETALL', KEYS[1])}
