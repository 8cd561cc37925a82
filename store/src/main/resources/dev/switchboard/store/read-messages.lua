-- Reads the newest messages of one conversation with msg_id <= a starting id, newest first.
-- KEYS[1] history:{conversation}   HASH msg_id -> MsgInfo bytes
-- KEYS[2] msgid:{conversation}     STRING last allocated msg_id
-- ARGV[1] msg_id_begin: the highest msg_id wanted; 0 = from the latest allocated
-- ARGV[2] how many messages at most
-- ARGV[3] how many ids to look at at most: an id allocated whose message never became durable leaves a gap
-- Returns the stored MsgInfo values found, newest first.
local id = tonumber(ARGV[1])
local latest = tonumber(redis.call('GET', KEYS[2]) or '0')
if id == 0 or id > latest then
  id = latest
end
local count = tonumber(ARGV[2])
local last = math.max(id - tonumber(ARGV[3]) + 1, 1)
local found = {}
while id >= last and #found < count do
  local value = redis.call('HGET', KEYS[1], tostring(id))
  if value then
    found[#found + 1] = value
  end
  id = id - 1
end
return found
