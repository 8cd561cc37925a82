-- Reads a user's unread counts: the 1:1 counters, plus for each of the user's groups the group's message count minus
-- the user's read mark (a member without a mark has read nothing counted yet: their unread is the whole count).
-- KEYS[1] unread:{userId}          HASH "{sessionType}:{peerId}" -> count (1:1; group fields only from before group
--                                  counters, added to the group's count)
-- KEYS[2] user:{userId}:groups     SET  group ids
-- KEYS[3] group-read:{userId}      HASH groupId -> the group's count when last read
-- ARGV[1] key prefix (counters are "{prefix}group:{groupId}:counter")
-- Returns {field, count, ...} for every conversation with a count above 0, field = "{sessionType}:{peerId}".
local counts = {}
local raw = redis.call('HGETALL', KEYS[1])
for i = 1, #raw, 2 do
  counts[raw[i]] = tonumber(raw[i + 1])
end
for _, groupId in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local count = tonumber(redis.call('HGET', ARGV[1] .. 'group:' .. groupId .. ':counter', 'count') or '0')
  local unread = count - tonumber(redis.call('HGET', KEYS[3], groupId) or '0')
  if unread > 0 then
    local field = '2:' .. groupId
    counts[field] = (counts[field] or 0) + unread
  end
end
local result = {}
for field, count in pairs(counts) do
  if count > 0 then
    result[#result + 1] = field
    result[#result + 1] = count
  end
end
return result
