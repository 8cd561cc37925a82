-- Stores a group message exactly once by msg_id: bumps every other member's unread counter and every member's
-- session (un-removing it), if the sender is still a member. Returns the members either way, for delivery.
-- KEYS[1] history:group:{groupId}   HASH msg_id -> MsgInfo bytes
-- KEYS[2] group:{groupId}:members   SET
-- ARGV[1] key prefix (per-member keys are "{prefix}unread:{id}", "{prefix}sessions:{id}", "...:removed")
-- ARGV[2] msg_id
-- ARGV[3] MsgInfo bytes
-- ARGV[4] session field "{sessionType}:{groupId}" in unread and sessions
-- ARGV[5] sender user id
-- ARGV[6] update time, seconds
-- Returns {-1} when the sender is not a member (nothing stored); otherwise {1 stored now | 0 already stored,
-- memberId...}.
if redis.call('SISMEMBER', KEYS[2], ARGV[5]) == 0 then
  return {-1}
end
local prefix, field = ARGV[1], ARGV[4]
local members = redis.call('SMEMBERS', KEYS[2])
local result = {0}
if redis.call('HSETNX', KEYS[1], ARGV[2], ARGV[3]) == 1 then
  result[1] = 1
  for _, userId in ipairs(members) do
    if userId ~= ARGV[5] then
      redis.call('HINCRBY', prefix .. 'unread:' .. userId, field, 1)
    end
    redis.call('ZADD', prefix .. 'sessions:' .. userId, ARGV[6], field)
    redis.call('ZREM', prefix .. 'sessions:' .. userId .. ':removed', field)
  end
end
for _, userId in ipairs(members) do result[#result + 1] = tonumber(userId) end
return result
