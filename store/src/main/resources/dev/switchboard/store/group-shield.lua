-- Sets or clears a member's shield of a group (TeamTalk: no push for that group).
-- KEYS[1] group:{id}:members   SET
-- KEYS[2] group:{id}:shield    SET
-- ARGV[1] user id
-- ARGV[2] '1' shield, '0' unshield
-- Returns 1 when done, 0 when the user is not a member (nothing changes).
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  return 0
end
if ARGV[2] == '1' then
  redis.call('SADD', KEYS[2], ARGV[1])
else
  redis.call('SREM', KEYS[2], ARGV[1])
end
return 1
