-- Releases a pending claim whose publish failed: a resend takes it over at once, with the same msg_id.
-- KEYS[1] dedup:{from}:{sessionType}:{peer}:{hash}   STRING
-- ARGV[1] the pending marker this publisher set ("p:{msgId}:{deadlineMillis}")
-- ARGV[2] the released marker ("p:{msgId}:0")
-- Returns 1 when released, 0 when the claim changed meanwhile (taken over, acknowledged or expired).
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
  return 1
end
return 0
