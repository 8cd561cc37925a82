-- Replaces a user's stored credential only if it is still the one the login was checked against, so an upgrade
-- after login never overwrites a password the admin API changed in between.
-- KEYS[1] user hash; ARGV[1] the credential that was checked; ARGV[2] its replacement.
-- Returns 1 when replaced, 0 when the credential had changed (or the user is gone).
if redis.call('HGET', KEYS[1], 'credential') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'credential', ARGV[2])
  return 1
end
return 0
