-- Applies a gateway snapshot: the gateway's connection set becomes exactly the snapshot, except for what the
-- snapshot cannot know. Nobody is kicked (the device policy was applied when each connection logged in).
--   * A recorded connection missing from the snapshot is removed (from its user's presence hash and the gateway
--     set) only if its ONLINE is older than the snapshot (score < seq): a newer login was not in the gateway yet
--     when the snapshot was taken. It gets a tombstone: it is closed.
--   * A connection of the snapshot is added unless recorded already or tombstoned: a tombstone means its OFFLINE
--     (or a previous snapshot) was applied first although the close happened after this snapshot was taken.
--   * A snapshot whose sequence is not above the last applied one is stale and changes nothing; one for a gateway
--     without a lease changes nothing either (it is applied after the next registration's snapshot request).
-- KEYS[1] gateway:leases                    ZSET
-- KEYS[2] gateway:{gatewayId}               HASH  snapshot_seq is written here
-- KEYS[3] gateway:{gatewayId}:connections   ZSET  "{userId}/{connectionId}", score = presence sequence
-- KEYS[4] gateway:{gatewayId}:closed        ZSET  tombstones: connection id, score = when applied (epoch millis)
-- ARGV[1] key prefix (presence keys are "{prefix}presence:{userId}")
-- ARGV[2] gateway id
-- ARGV[3] the snapshot's presence sequence
-- ARGV[4] now, epoch millis
-- ARGV[5] tombstone lifetime, millis
-- ARGV[6..] pairs: member "{userId}/{connectionId}", value "{clientType}:{status}:{sinceMillis}"
-- Returns {'applied', added, removed} with flat {member, value, ...} lists, or {'unleased'} or {'stale'}.
if not redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  return {'unleased'}
end
local seq = tonumber(ARGV[3])
if seq <= tonumber(redis.call('HGET', KEYS[2], 'snapshot_seq') or '0') then
  return {'stale'}
end
redis.call('HSET', KEYS[2], 'snapshot_seq', ARGV[3])
local now = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - tonumber(ARGV[5]))
local function split(member)
  local slash = string.find(member, '/', 1, true)
  return string.sub(member, 1, slash - 1), string.sub(member, slash + 1)
end
local wanted = {}
for i = 6, #ARGV, 2 do wanted[ARGV[i]] = true end
local added, removed = {}, {}
local current = redis.call('ZRANGE', KEYS[3], 0, -1, 'WITHSCORES')
for i = 1, #current, 2 do
  local member = current[i]
  if not wanted[member] and tonumber(current[i + 1]) < seq then
    local userId, connectionId = split(member)
    local presence = ARGV[1] .. 'presence:' .. userId
    local field = ARGV[2] .. '/' .. connectionId
    local value = redis.call('HGET', presence, field)
    redis.call('HDEL', presence, field)
    redis.call('ZREM', KEYS[3], member)
    redis.call('ZADD', KEYS[4], now, connectionId)
    if value then
      removed[#removed + 1] = member
      removed[#removed + 1] = value
    end
  end
end
for i = 6, #ARGV, 2 do
  local member, value = ARGV[i], ARGV[i + 1]
  local userId, connectionId = split(member)
  if not redis.call('ZSCORE', KEYS[3], member) and not redis.call('ZSCORE', KEYS[4], connectionId) then
    redis.call('HSET', ARGV[1] .. 'presence:' .. userId, ARGV[2] .. '/' .. connectionId, value)
    redis.call('ZADD', KEYS[3], seq, member)
    added[#added + 1] = member
    added[#added + 1] = value
  end
end
if redis.call('EXISTS', KEYS[4]) == 1 then
  redis.call('PEXPIRE', KEYS[4], ARGV[5])
end
return {'applied', added, removed}
