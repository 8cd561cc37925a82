-- Stores a group message exactly once by msg_id, if the sender is still a member: counts it in the group's counter
-- (every member's unread is the counter minus their read mark, see unread-counts.lua) and sets the sender's read mark
-- to it (the sender has read their own message). The writes are O(1) whatever the group's size. Then reads the live
-- connections of every member, for route-service to deliver to.
-- KEYS[1] history:group:{groupId}   HASH msg_id -> MsgInfo bytes
-- KEYS[2] group:{groupId}:members   SET
-- KEYS[3] group:{groupId}:counter   HASH count, updated
-- KEYS[4] group-read:{senderId}     HASH groupId -> the group's count when last read
-- ARGV[1] msg_id
-- ARGV[2] MsgInfo bytes
-- ARGV[3] group id
-- ARGV[4] sender user id
-- ARGV[5] update time, seconds
-- ARGV[6] key prefix (the members' presence:{userId} hashes are read under it)
-- KEYS[1] is a cache with a floor, as in store-message.lua (a group's messages arrive in order, in one partition).
-- Returns {status, connections}: status -1 when the sender is not a member (nothing stored, no connections), 1 when
-- stored now, 0 when already stored; connections one string, a line per live connection of any member,
-- "{userId} {gatewayId}/{connectionId} {clientType}:{status}:{sinceMillis}", lines separated by "\n". One string,
-- not a reply element per member and field: a 1,000-member group's connections as ~3,000 elements cost Redis and the
-- client's decoder several times the rest of the work (profiled in docs/BENCHMARKS.md).
if redis.call('SISMEMBER', KEYS[2], ARGV[4]) == 0 then
  return {-1, ''}
end
local stored = 0
local msgId = tonumber(ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'floor', msgId)
end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  local floor = tonumber(redis.call('HGET', KEYS[1], 'floor') or '0')
  if msgId == floor - 1 then
    redis.call('HSET', KEYS[1], 'floor', msgId)
  end
  stored = 1
  local count = redis.call('HINCRBY', KEYS[3], 'count', 1)
  redis.call('HSET', KEYS[3], 'updated', ARGV[5])
  redis.call('HSET', KEYS[4], ARGV[3], count)
end
local lines = {}
for _, member in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local hash = redis.call('HGETALL', ARGV[6] .. 'presence:' .. member)
  for i = 1, #hash, 2 do
    lines[#lines + 1] = member .. ' ' .. hash[i] .. ' ' .. hash[i + 1]
  end
end
return {stored, table.concat(lines, '\n')}
