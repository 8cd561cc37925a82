-- Reads a user's sessions updated after a time, newest first: the 1:1 sessions of sessions:{userId} merged with the
-- user's groups that have a message (updated = the group's last message), leaving out a group whose conversation the
-- user removed and that has had no message since.
-- KEYS[1] sessions:{userId}        ZSET "{sessionType}:{peerId}", score = last update (1:1; group members only from
--                                  before group counters, merged with the group's time)
-- KEYS[2] user:{userId}:groups     SET  group ids
-- KEYS[3] group-removed:{userId}   HASH groupId -> the group's count when the user removed its conversation
-- ARGV[1] key prefix (counters are "{prefix}group:{groupId}:counter")
-- ARGV[2] since, seconds (exclusive)
-- ARGV[3] how many sessions at most
-- Returns {field, updatedSeconds, ...}, newest first (ties: highest field first, as ZREVRANGEBYSCORE orders them).
local since, limit = tonumber(ARGV[2]), tonumber(ARGV[3])
local found, index = {}, {}
local entries = redis.call('ZREVRANGEBYSCORE', KEYS[1], '+inf', '(' .. ARGV[2], 'WITHSCORES', 'LIMIT', 0, limit)
for i = 1, #entries, 2 do
  found[#found + 1] = {entries[i], tonumber(entries[i + 1])}
  index[entries[i]] = #found
end
for _, groupId in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local counter = redis.call('HMGET', ARGV[1] .. 'group:' .. groupId .. ':counter', 'count', 'updated')
  local updated = tonumber(counter[2])
  local removedAt = tonumber(redis.call('HGET', KEYS[3], groupId) or '0')
  if updated and updated > since and tonumber(counter[1]) > removedAt then
    local field = '2:' .. groupId
    local at = index[field]
    if at then
      found[at][2] = math.max(found[at][2], updated)
    else
      found[#found + 1] = {field, updated}
    end
  end
end
table.sort(found, function(a, b)
  if a[2] ~= b[2] then
    return a[2] > b[2]
  end
  return a[1] > b[1]
end)
local result = {}
for i = 1, math.min(limit, #found) do
  result[#result + 1] = found[i][1]
  result[#result + 1] = tostring(found[i][2])
end
return result
