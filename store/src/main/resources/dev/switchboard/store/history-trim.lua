-- Bounds conversations' history caches once their messages are in PostgreSQL (route-service's history writer runs
-- it after each commit): each keeps its newest messages only, and expires when the conversation stays quiet.
-- KEYS[i] history:{conversation}   HASH msg_id -> MsgInfo bytes, and "floor" (see store-message.lua)
-- ARGV[1] how many of the newest msg_ids to keep
-- ARGV[2] seconds a cache lives after the last commit to its conversation
-- ARGV[3] most msg_ids one call removes from one cache (a cache from before the bound shrinks over several calls)
-- ARGV[3 + i] the highest msg_id of KEYS[i] just committed to PostgreSQL
-- Only msg_ids at most that one minus the window are removed: never a message PostgreSQL may not hold yet. A missing
-- hash is left missing. Returns how many fields were removed in all.
local keep = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local most = tonumber(ARGV[3])
local removed = 0
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then
    local floor = math.max(tonumber(redis.call('HGET', key, 'floor') or '1'), 1)
    local below = math.min(tonumber(ARGV[3 + i]) - keep + 1, floor + most)
    if below > floor then
      local fields = {}
      for id = floor, below - 1 do
        fields[#fields + 1] = tostring(id)
      end
      removed = removed + redis.call('HDEL', key, unpack(fields))
      redis.call('HSET', key, 'floor', below)
    end
    redis.call('EXPIRE', key, ttl)
  end
end
return removed
