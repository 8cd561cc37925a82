-- Reads a user's session removals after a time, newest first, leaving out a group conversation that has had a
-- message since it was removed (a 1:1 message deletes its tombstone when stored; a group message touches no member).
-- KEYS[1] sessions:{userId}:removed ZSET "{sessionType}:{peerId}", score = removal time (seconds)
-- KEYS[2] group-removed:{userId}    HASH groupId -> the group's count when the user removed its conversation
-- ARGV[1] key prefix (counters are "{prefix}group:{groupId}:counter")
-- ARGV[2] since, seconds (exclusive)
-- ARGV[3] how many at most
-- Returns {field, removedSeconds, ...}, newest first.
local limit = tonumber(ARGV[3])
local result = {}
local entries = redis.call('ZREVRANGEBYSCORE', KEYS[1], '+inf', '(' .. ARGV[2], 'WITHSCORES')
for i = 1, #entries, 2 do
  if #result >= 2 * limit then
    break
  end
  local field = entries[i]
  local live = true
  if string.sub(field, 1, 2) == '2:' then
    local groupId = string.sub(field, 3)
    local count = tonumber(redis.call('HGET', ARGV[1] .. 'group:' .. groupId .. ':counter', 'count') or '0')
    live = count <= tonumber(redis.call('HGET', KEYS[2], groupId) or '0')
  end
  if live then
    result[#result + 1] = field
    result[#result + 1] = entries[i + 1]
  end
end
return result
