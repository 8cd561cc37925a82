-- Writes a user's fields and keeps the name index and the change index consistent with them.
-- KEYS[1] user:{id}     HASH
-- KEYS[2] user:names    HASH  login name -> user id
-- KEYS[3] user:ids      ZSET  user id, score = updated time
-- ARGV[1] mode: "create" (the id must be free), "update" (the user must exist) or "upsert"
-- ARGV[2] user id
-- ARGV[3] updated time (seconds): stored as the "updated" field and the user:ids score
-- ARGV[4..] field, value pairs; a "name" field moves the user's entry in user:names
-- Returns "ok", "id_taken", "not_found" or "name_taken" (the name belongs to another user); nothing is written
-- unless "ok".
local exists = redis.call('EXISTS', KEYS[1]) == 1
if ARGV[1] == 'create' and exists then
    return 'id_taken'
end
if ARGV[1] == 'update' and not exists then
    return 'not_found'
end
local fields = {}
local newName
for i = 4, #ARGV, 2 do
    if ARGV[i] == 'name' then
        newName = ARGV[i + 1]
    end
    fields[#fields + 1] = ARGV[i]
    fields[#fields + 1] = ARGV[i + 1]
end
if newName then
    local owner = redis.call('HGET', KEYS[2], newName)
    if owner and owner ~= ARGV[2] then
        return 'name_taken'
    end
    local oldName = redis.call('HGET', KEYS[1], 'name')
    if oldName and oldName ~= newName and redis.call('HGET', KEYS[2], oldName) == ARGV[2] then
        redis.call('HDEL', KEYS[2], oldName)
    end
    redis.call('HSET', KEYS[2], newName, ARGV[2])
end
fields[#fields + 1] = 'updated'
fields[#fields + 1] = ARGV[3]
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[2])
return 'ok'
