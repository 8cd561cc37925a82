-- Allocates a group conversation's next msg_id for a sender, only if the sender is a member.
-- KEYS[1] group:{id}:members   SET
-- KEYS[2] msgid:group:{id}     STRING  last msg_id (INCR)
-- ARGV[1] sender user id
-- Returns the msg_id (1, 2, 3, ...), or 0 when the sender is not a member (nothing allocated).
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
  return 0
end
return redis.call('INCR', KEYS[2])
