-- A connection came online: record it under its user and under its gateway and, in the same step, apply the
-- multi-device policy: the user's connections that lose to it leave presence (user hash and gateway set).
-- KEYS[1] presence:{userId}                 HASH "{gatewayId}/{connectionId}" -> "{clientType}:{status}:{sinceMillis}"
-- KEYS[2] gateway:{gatewayId}:connections   ZSET "{userId}/{connectionId}", score = presence sequence of its ONLINE
-- KEYS[3] gateway:leases                    ZSET gateway id -> lease expiry
-- KEYS[4] gateway:{gatewayId}               HASH snapshot_seq: sequence of the last snapshot applied
-- KEYS[5] gateway:{gatewayId}:closed        ZSET connection ids reported closed (tombstones)
-- ARGV[1] key prefix (a loser's gateway set is "{prefix}gateway:{gatewayId}:connections")
-- ARGV[2] user id
-- ARGV[3] gateway id
-- ARGV[4] connection id
-- ARGV[5] value "{clientType}:{status}:{sinceMillis}"
-- ARGV[6] policy: 'teamtalk' (one PC-class and one mobile-class connection), 'single' (one), 'unlimited'
-- ARGV[7] the event's presence sequence (0 = unknown)
-- Returns {outcome, losers, remaining}: outcome 'added'; 'known' when the connection is already recorded (a
-- redelivered event: nothing changes); 'unleased' when the gateway holds no lease (it was purged: recording the
-- connection would leave a ghost); 'stale' when the connection is known to be closed: it has a tombstone, or the
-- gateway's last applied snapshot was taken after this event and did not hold it. losers and remaining are flat
-- {field, value, ...} lists: the connections removed now, and the user's connections afterwards.
local field = ARGV[3] .. '/' .. ARGV[4]
if not redis.call('ZSCORE', KEYS[3], ARGV[3]) then
  return {'unleased', {}, redis.call('HGETALL', KEYS[1])}
end
if redis.call('HEXISTS', KEYS[1], field) == 1 then
  return {'known', {}, redis.call('HGETALL', KEYS[1])}
end
local seq = tonumber(ARGV[7])
if redis.call('ZSCORE', KEYS[5], ARGV[4])
    or (seq > 0 and seq < tonumber(redis.call('HGET', KEYS[4], 'snapshot_seq') or '0')) then
  return {'stale', {}, redis.call('HGETALL', KEYS[1])}
end
local function mobile(value)
  return bit.band(tonumber(string.match(value, '^%d+')), 0x10) == 0x10
end
local losers = {}
if ARGV[6] ~= 'unlimited' then
  local newMobile = mobile(ARGV[5])
  local existing = redis.call('HGETALL', KEYS[1])
  for i = 1, #existing, 2 do
    local other, value = existing[i], existing[i + 1]
    if ARGV[6] == 'single' or mobile(value) == newMobile then
      local slash = string.find(other, '/', 1, true)
      redis.call('HDEL', KEYS[1], other)
      redis.call('ZREM', ARGV[1] .. 'gateway:' .. string.sub(other, 1, slash - 1) .. ':connections',
        ARGV[2] .. '/' .. string.sub(other, slash + 1))
      losers[#losers + 1] = other
      losers[#losers + 1] = value
    end
  end
end
redis.call('HSET', KEYS[1], field, ARGV[5])
redis.call('ZADD', KEYS[2], seq, ARGV[2] .. '/' .. ARGV[4])
return {'added', losers, redis.call('HGETALL', KEYS[1])}
