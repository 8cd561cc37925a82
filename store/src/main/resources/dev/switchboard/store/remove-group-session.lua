-- Removes a group conversation from a user's recent sessions: leaves a tombstone for the user's other devices,
-- remembers the group's count (the conversation stays hidden until a newer message) and clears the user's unread
-- (read mark = count). A group whose last message is newer than the removal time is left alone, so a replayed
-- removal never hides a newer message.
-- KEYS[1] group:{groupId}:counter      HASH count, updated
-- KEYS[2] sessions:{userId}:removed    ZSET "{sessionType}:{peerId}", score = removal time (seconds)
-- KEYS[3] group-removed:{userId}       HASH groupId -> the group's count when removed
-- KEYS[4] group-read:{userId}          HASH groupId -> the group's count when last read
-- KEYS[5] user:{userId}:groups         SET  group ids (a read mark is kept for members only)
-- KEYS[6] sessions:{userId}            ZSET (the group's member there, from before group counters, goes)
-- KEYS[7] unread:{userId}              HASH (the group's field there, from before group counters, goes)
-- ARGV[1] group id
-- ARGV[2] the session "2:{groupId}"
-- ARGV[3] removal time, seconds
-- Returns 1 when removed, 0 when the conversation changed after the removal time.
local counter = redis.call('HMGET', KEYS[1], 'count', 'updated')
local updated = math.max(tonumber(counter[2] or '0'), tonumber(redis.call('ZSCORE', KEYS[6], ARGV[2]) or '0'))
if updated > tonumber(ARGV[3]) then
  return 0
end
local count = counter[1] or '0'
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
redis.call('HSET', KEYS[3], ARGV[1], count)
if redis.call('SISMEMBER', KEYS[5], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[4], ARGV[1], count)
end
redis.call('ZREM', KEYS[6], ARGV[2])
redis.call('HDEL', KEYS[7], ARGV[2])
return 1
