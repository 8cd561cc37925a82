-- Stores a 1:1 message exactly once by msg_id, bumps the recipient's unread counter and both users' sessions, and
-- brings the conversation back for a user who had removed it.
-- KEYS[1] history:single:{low}:{high}   HASH msg_id -> MsgInfo bytes
-- KEYS[2] unread:{recipientId}          HASH "{sessionType}:{senderId}" -> count
-- KEYS[3] sessions:{senderId}           ZSET "{sessionType}:{recipientId}"
-- KEYS[4] sessions:{recipientId}        ZSET "{sessionType}:{senderId}"
-- KEYS[5] sessions:{senderId}:removed   ZSET "{sessionType}:{recipientId}" (tombstones)
-- KEYS[6] sessions:{recipientId}:removed ZSET "{sessionType}:{senderId}" (tombstones)
-- ARGV[1] msg_id
-- ARGV[2] MsgInfo bytes
-- ARGV[3] unread field in KEYS[2] (the sender's session as the recipient sees it)
-- ARGV[4] session member in KEYS[3] (the recipient's session as the sender sees it)
-- ARGV[5] update time, seconds
-- Returns 1 when stored now, 0 when that msg_id was already stored (a redelivered record: nothing changes).
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then
  return 0
end
redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4])
redis.call('ZADD', KEYS[4], ARGV[5], ARGV[3])
redis.call('ZREM', KEYS[5], ARGV[4])
redis.call('ZREM', KEYS[6], ARGV[3])
return 1
