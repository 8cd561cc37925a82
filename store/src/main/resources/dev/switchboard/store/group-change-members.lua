-- Adds or removes members of a live group, or dissolves it (removes everyone, marks it dissolved), atomically.
-- Added ids without a user hash, members already in, and non-members removed are not changes. The version goes up
-- by one when anything changed (and on dissolve). A member added gets the group's current count as read mark (no
-- unread from before they joined); a member removed loses their mark.
-- KEYS[1] group:{id}            HASH  name, avatar, creator, type, version, status, updated
-- KEYS[2] group:{id}:members    SET
-- KEYS[3] group:{id}:shield     SET   (a removed member's shield goes too)
-- KEYS[4] group:{id}:counter    HASH  count, updated (group messages stored)
-- ARGV[1] key prefix (user keys are "{prefix}user:{id}", "{prefix}user:{id}:groups", "{prefix}group-read:{id}")
-- ARGV[2] group id
-- ARGV[3] 'add', 'del' or 'dissolve'
-- ARGV[4] now, seconds
-- ARGV[5..] user ids (ignored by 'dissolve')
-- Returns {version, changedCount, changedId..., currentMemberId...}, or {} when the group is unknown or dissolved.
if redis.call('HGET', KEYS[1], 'status') ~= '0' then
  return {}
end
local prefix, groupId, mode = ARGV[1], ARGV[2], ARGV[3]
local ids = {}
if mode == 'dissolve' then
  ids = redis.call('SMEMBERS', KEYS[2])
else
  for i = 5, #ARGV do ids[#ids + 1] = ARGV[i] end
end
local changed = {}
local count = redis.call('HGET', KEYS[4], 'count') or '0'
for _, userId in ipairs(ids) do
  local groups = prefix .. 'user:' .. userId .. ':groups'
  if mode == 'add' then
    if redis.call('EXISTS', prefix .. 'user:' .. userId) == 1 and redis.call('SADD', KEYS[2], userId) == 1 then
      redis.call('SADD', groups, groupId)
      redis.call('HSET', prefix .. 'group-read:' .. userId, groupId, count)
      changed[#changed + 1] = tonumber(userId)
    end
  elseif redis.call('SREM', KEYS[2], userId) == 1 then
    redis.call('SREM', groups, groupId)
    redis.call('SREM', KEYS[3], userId)
    redis.call('HDEL', prefix .. 'group-read:' .. userId, groupId)
    changed[#changed + 1] = tonumber(userId)
  end
end
local version = tonumber(redis.call('HGET', KEYS[1], 'version'))
if #changed > 0 or mode == 'dissolve' then
  version = redis.call('HINCRBY', KEYS[1], 'version', 1)
  redis.call('HSET', KEYS[1], 'updated', ARGV[4])
end
if mode == 'dissolve' then
  redis.call('HSET', KEYS[1], 'status', 1)
end
local result = {version, #changed}
for _, userId in ipairs(changed) do result[#result + 1] = userId end
for _, userId in ipairs(redis.call('SMEMBERS', KEYS[2])) do result[#result + 1] = tonumber(userId) end
return result
