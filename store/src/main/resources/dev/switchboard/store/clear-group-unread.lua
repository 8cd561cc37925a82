-- Clears a member's unread of a group (a read acknowledgement): the read mark becomes the group's count. A user who
-- is not a member gets no mark.
-- KEYS[1] group:{groupId}:counter   HASH count, updated
-- KEYS[2] group-read:{userId}       HASH groupId -> the group's count when last read
-- KEYS[3] user:{userId}:groups      SET  group ids
-- KEYS[4] unread:{userId}           HASH (the group's field there, from before group counters, goes)
-- ARGV[1] group id
-- ARGV[2] the session "2:{groupId}"
redis.call('HDEL', KEYS[4], ARGV[2])
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then
  redis.call('HSET', KEYS[2], ARGV[1], redis.call('HGET', KEYS[1], 'count') or '0')
end
return 1
