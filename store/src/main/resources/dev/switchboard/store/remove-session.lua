-- Removes a conversation from a user's recent sessions, leaves a tombstone for the user's other devices and clears
-- its unread counter. A session updated after the removal time (a newer message) is left alone, so a replayed
-- removal never hides a newer message.
-- KEYS[1] sessions:{userId}           ZSET "{sessionType}:{peerId}", score = last update (seconds)
-- KEYS[2] sessions:{userId}:removed   ZSET "{sessionType}:{peerId}", score = removal time (seconds)
-- KEYS[3] unread:{userId}             HASH "{sessionType}:{peerId}" -> count
-- ARGV[1] the session "{sessionType}:{peerId}"
-- ARGV[2] removal time, seconds
-- Returns 1 when removed, 0 when the session changed after the removal time.
local updated = redis.call('ZSCORE', KEYS[1], ARGV[1])
if updated and tonumber(updated) > tonumber(ARGV[2]) then
  return 0
end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
return 1
