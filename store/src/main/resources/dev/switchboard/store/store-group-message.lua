-- Stores a group message exactly once by msg_id, if the sender is still a member: counts it in the group's counter
-- (every member's unread is the counter minus their read mark, see unread-counts.lua) and sets the sender's read mark
-- to it (the sender has read their own message). O(1) whatever the group's size.
-- KEYS[1] history:group:{groupId}   HASH msg_id -> MsgInfo bytes
-- KEYS[2] group:{groupId}:members   SET
-- KEYS[3] group:{groupId}:counter   HASH count, updated
-- KEYS[4] group-read:{senderId}     HASH groupId -> the group's count when last read
-- ARGV[1] msg_id
-- ARGV[2] MsgInfo bytes
-- ARGV[3] group id
-- ARGV[4] sender user id
-- ARGV[5] update time, seconds
-- Returns -1 when the sender is not a member (nothing stored), 1 when stored now, 0 when already stored. The caller
-- reads the members with SMEMBERS pipelined right after: returning 1,000 members from Lua costs several times the
-- rest of the script and of a plain SMEMBERS together.
if redis.call('SISMEMBER', KEYS[2], ARGV[4]) == 0 then
  return -1
end
local stored = 0
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  stored = 1
  local count = redis.call('HINCRBY', KEYS[3], 'count', 1)
  redis.call('HSET', KEYS[3], 'updated', ARGV[5])
  redis.call('HSET', KEYS[4], ARGV[3], count)
end
return stored
