-- Reads the newest cached messages of one conversation with msg_id <= a starting id, newest first, and says where the
-- cache ends: the history hash holds every message from its "floor" up (store-message.lua), so a page that reaches
-- below the floor, or finds no hash at all, continues in PostgreSQL.
-- KEYS[1] history:{conversation}   HASH msg_id -> MsgInfo bytes, and "floor"
-- KEYS[2] msgid:{conversation}     STRING last allocated msg_id
-- ARGV[1] msg_id_begin: the highest msg_id wanted; 0 = from the latest allocated
-- ARGV[2] how many messages at most
-- ARGV[3] how many ids to look at at most: an id allocated whose message never became durable leaves a gap
-- Returns {continueFrom, MsgInfo values found newest first...}: continueFrom is -1 when the page is complete (count
-- found, or every id down to 1 looked at), otherwise the highest msg_id not looked at (0: the whole conversation, as
-- no msg_id is known here), from which the rest of the page is read from PostgreSQL.
local id = tonumber(ARGV[1])
local latest = tonumber(redis.call('GET', KEYS[2]) or '0')
if id == 0 or id > latest then
  id = latest
end
local count = tonumber(ARGV[2])
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {id}
end
local floor = math.max(tonumber(redis.call('HGET', KEYS[1], 'floor') or '1'), 1)
local last = math.max(id - tonumber(ARGV[3]) + 1, floor)
local found = {-1}
while id >= last and #found - 1 < count do
  local value = redis.call('HGET', KEYS[1], tostring(id))
  if value then
    found[#found + 1] = value
  end
  id = id - 1
end
if #found - 1 < count and id >= 1 then
  found[1] = id
end
return found
