-- Creates a group under a fresh id with its members, atomically. Ids without a user hash are dropped; the creator is
-- always a member. Each member's read mark of the group starts at 0 (a fresh group has no message counted).
-- KEYS[1] group:next-id        STRING  last allocated group id
-- ARGV[1] key prefix (per-group and per-user keys are "{prefix}group:{id}...", "{prefix}user:{id}...",
--         "{prefix}group-read:{userId}")
-- ARGV[2] name
-- ARGV[3] avatar
-- ARGV[4] creator user id
-- ARGV[5] type (1 normal, 2 temporary)
-- ARGV[6] now, seconds
-- ARGV[7..] member user ids
-- Returns {groupId, memberId...} (members actually added, creator first), or {0} when the creator is not a user.
local prefix = ARGV[1]
if redis.call('EXISTS', prefix .. 'user:' .. ARGV[4]) == 0 then
  return {0}
end
local id = redis.call('INCR', KEYS[1])
local group = prefix .. 'group:' .. id
redis.call('HSET', group, 'name', ARGV[2], 'avatar', ARGV[3], 'creator', ARGV[4], 'type', ARGV[5],
  'version', 1, 'status', 0, 'updated', ARGV[6])
local result = {id}
local function add(userId)
  if redis.call('SADD', group .. ':members', userId) == 1 then
    redis.call('SADD', prefix .. 'user:' .. userId .. ':groups', id)
    redis.call('HSET', prefix .. 'group-read:' .. userId, id, 0)
    result[#result + 1] = tonumber(userId)
  end
end
add(ARGV[4])
for i = 7, #ARGV do
  if redis.call('EXISTS', prefix .. 'user:' .. ARGV[i]) == 1 then
    add(ARGV[i])
  end
end
return result
