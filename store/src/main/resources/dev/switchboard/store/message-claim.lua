-- Claims a client message for deduplication and allocates its msg_id, atomically (see SendClaims).
-- KEYS[1] dedup:{from}:{sessionType}:{peer}:{hash}   STRING  "p:{msgId}:{deadlineMillis}" pending | "a:{msgId}" acked
-- KEYS[2] msgid:single:{low}:{high} or msgid:group:{id}  STRING  last msg_id (INCR)
-- KEYS[3] group:{id}:members (group messages only)  SET
-- ARGV[1] window (millis): lifetime of the dedup key
-- ARGV[2] now (epoch millis)
-- ARGV[3] pending deadline (epoch millis): until then a pending claim belongs to its publisher
-- ARGV[4] sender user id (group messages only)
-- Returns {state, msgId}: 1 claimed (publish it; msgId new, or taken over from a pending claim past its deadline or
-- released), 2 duplicate of an acknowledged message, 3 duplicate of a message still being published,
-- 0 the sender is not a member of the group (nothing allocated).
local marker = redis.call('GET', KEYS[1])
if marker then
  local state, id, deadline = string.match(marker, '^(%a):(%d+):?(%d*)$')
  if state == 'a' then
    return {2, tonumber(id)}
  end
  if tonumber(deadline) > tonumber(ARGV[2]) then
    return {3, tonumber(id)}
  end
  redis.call('SET', KEYS[1], 'p:' .. id .. ':' .. ARGV[3], 'KEEPTTL')
  return {1, tonumber(id)}
end
if KEYS[3] and redis.call('SISMEMBER', KEYS[3], ARGV[4]) == 0 then
  return {0, 0}
end
local id = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], 'p:' .. id .. ':' .. ARGV[3], 'NX', 'PX', ARGV[1])
return {1, id}
