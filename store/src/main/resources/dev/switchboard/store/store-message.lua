-- Stores 1:1 messages, each exactly once by msg_id: bumps the recipient's unread counter and both users' sessions,
-- and brings the conversation back for a user who had removed it. Optionally also reads both users' presence in the
-- same step, which is what route-service needs next: one round trip and one command for a whole run of messages.
-- ARGV[1] keys per message: 6 (store only) or 8 (store, then read presence)
-- then per message m (0-based), keys from k = m * ARGV[1] and arguments from a = 1 + m * 5:
-- KEYS[k+1] history:single:{low}:{high}   HASH msg_id -> MsgInfo bytes
-- KEYS[k+2] unread:{recipientId}          HASH "{sessionType}:{senderId}" -> count
-- KEYS[k+3] sessions:{senderId}           ZSET "{sessionType}:{recipientId}"
-- KEYS[k+4] sessions:{recipientId}        ZSET "{sessionType}:{senderId}"
-- KEYS[k+5] sessions:{senderId}:removed   ZSET "{sessionType}:{recipientId}" (tombstones)
-- KEYS[k+6] sessions:{recipientId}:removed ZSET "{sessionType}:{senderId}" (tombstones)
-- KEYS[k+7] presence:{recipientId}        HASH (only with 8 keys per message)
-- KEYS[k+8] presence:{senderId}           HASH (only with 8 keys per message)
-- ARGV[a+1] msg_id
-- ARGV[a+2] MsgInfo bytes
-- ARGV[a+3] unread field in KEYS[k+2] (the sender's session as the recipient sees it)
-- ARGV[a+4] session member in KEYS[k+3] (the recipient's session as the sender sees it)
-- ARGV[a+5] update time, seconds
-- The history hash is a cache of the conversation's newest messages (PostgreSQL holds them all, history-trim.lua
-- bounds it): its field "floor" is the lowest msg_id from which it holds every stored message. A store that creates
-- the hash (a new conversation, or one whose cache expired or was lost with Redis) sets the floor to its msg_id; a
-- hash without the field (from before the cache was bounded) holds everything. The two directions of a conversation
-- travel in different partitions, so a message may arrive after a newer one: one just below the floor extends the
-- floor down, over any stored below it before. (A replay of a message the cache let go long ago, after an offset
-- reset, is stored and counted unread again: reads ignore it below the floor, and it expires with the cache.)
-- Returns per message {stored, recipient's presence (HGETALL), sender's presence}: stored is 1 when stored now, 0 when
-- that msg_id was already stored (a redelivered record: nothing changes); the presence lists are empty with 6 keys.
local per = tonumber(ARGV[1])
local out = {}
for m = 0, #KEYS / per - 1 do
  local k = m * per
  local a = 1 + m * 5
  local stored = 0
  local msgId = tonumber(ARGV[a + 1])
  if redis.call('EXISTS', KEYS[k + 1]) == 0 then
    redis.call('HSET', KEYS[k + 1], 'floor', msgId)
  end
  if redis.call('HSETNX', KEYS[k + 1], ARGV[a + 1], ARGV[a + 2]) == 1 then
    local floor = tonumber(redis.call('HGET', KEYS[k + 1], 'floor') or '0')
    if msgId == floor - 1 then
      floor = msgId
      while floor > 1 and redis.call('HEXISTS', KEYS[k + 1], tostring(floor - 1)) == 1 do
        floor = floor - 1
      end
      redis.call('HSET', KEYS[k + 1], 'floor', floor)
    end
    redis.call('HINCRBY', KEYS[k + 2], ARGV[a + 3], 1)
    redis.call('ZADD', KEYS[k + 3], ARGV[a + 5], ARGV[a + 4])
    redis.call('ZADD', KEYS[k + 4], ARGV[a + 5], ARGV[a + 3])
    redis.call('ZREM', KEYS[k + 5], ARGV[a + 4])
    redis.call('ZREM', KEYS[k + 6], ARGV[a + 3])
    stored = 1
  end
  local recipient, sender = {}, {}
  if per == 8 then
    recipient = redis.call('HGETALL', KEYS[k + 7])
    sender = redis.call('HGETALL', KEYS[k + 8])
  end
  out[m + 1] = {stored, recipient, sender}
end
return out
