-- Writes a department's fields and its entry in the change index together.
-- KEYS[1] dept:{id}   HASH
-- KEYS[2] dept:ids    ZSET  department id, score = updated time
-- ARGV[1] mode: "create" (the id must be free), "update" (the department must exist) or "upsert"
-- ARGV[2] department id
-- ARGV[3] updated time (seconds): stored as the "updated" field and the dept:ids score
-- ARGV[4..] field, value pairs
-- Returns "ok", "id_taken" or "not_found"; nothing is written unless "ok".
local exists = redis.call('EXISTS', KEYS[1]) == 1
if ARGV[1] == 'create' and exists then
    return 'id_taken'
end
if ARGV[1] == 'update' and not exists then
    return 'not_found'
end
local fields = {}
for i = 4, #ARGV do
    fields[#fields + 1] = ARGV[i]
end
fields[#fields + 1] = 'updated'
fields[#fields + 1] = ARGV[3]
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
return 'ok'
