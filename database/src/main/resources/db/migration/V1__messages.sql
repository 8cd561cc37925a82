-- Every stored message, 1:1 and group, keyed by its conversation and its per-conversation msg_id.
--
-- conversation: 's:<lower user id>:<higher user id>' for a 1:1 chat, 'g:<group id>' for a group. It is the
-- partition key here and the distribution column on Citus: every primary and unique key includes it, and no
-- constraint spans two conversations, so a conversation's rows always live together and a page of its history is one
-- range scan of one partition's primary key.
-- body: the MsgInfo bytes a history read answers with (the same bytes whether served from Redis or from here).
CREATE TABLE message (
    conversation text    NOT NULL,
    msg_id       bigint  NOT NULL CHECK (msg_id > 0),
    from_user_id bigint  NOT NULL,
    msg_type     integer NOT NULL,
    created_at   bigint  NOT NULL,
    body         bytea   NOT NULL,
    PRIMARY KEY (conversation, msg_id)
) PARTITION BY HASH (conversation);

-- 16 partitions: each table and index stays a sixteenth of the whole; more partitions (or Citus shards) are a later
-- migration's business, never a rewrite of this one
DO $$
BEGIN
    FOR remainder IN 0..15 LOOP
        EXECUTE format('CREATE TABLE message_p%s PARTITION OF message FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                       lpad(remainder::text, 2, '0'), remainder);
    END LOOP;
END
$$;
