-- Renames a live group and replaces its avatar, bumping its version so clients re-fetch it.
-- KEYS[1] group:{id}   HASH  name, avatar, ..., version, status, updated
-- ARGV[1] name
-- ARGV[2] avatar
-- ARGV[3] now, seconds
-- Returns the new version, or 0 when the group is unknown or dissolved.
if redis.call('HGET', KEYS[1], 'status') ~= '0' then
  return 0
end
redis.call('HSET', KEYS[1], 'name', ARGV[1], 'avatar', ARGV[2], 'updated', ARGV[3])
return redis.call('HINCRBY', KEYS[1], 'version', 1)
