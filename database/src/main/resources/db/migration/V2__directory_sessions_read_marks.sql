-- The directory, groups, recent sessions and read marks: what TeamTalk kept in IMUser, IMDepart, IMGroup,
-- IMGroupMember and IMRecentSession, and what unread counts are derived from.
--
-- On Citus: app_user and department are small and read everywhere, so they become reference tables (a copy on every
-- node; their unique name index stays global). chat_group and group_member are distributed on group_id, colocated;
-- recent_session and read_mark on user_id, colocated. Every primary and unique key of a distributed table includes
-- its distribution column, and no foreign key crosses two distribution columns.

CREATE TABLE department (
    id         bigint  PRIMARY KEY,
    name       text    NOT NULL,
    priority   integer NOT NULL DEFAULT 0,
    parent_id  bigint  NOT NULL DEFAULT 0,
    status     integer NOT NULL DEFAULT 0,
    updated_at bigint  NOT NULL
);

CREATE TABLE app_user (
    id            bigint  PRIMARY KEY CHECK (id > 0),
    name          text    NOT NULL,
    nick          text    NOT NULL DEFAULT '',
    gender        integer NOT NULL DEFAULT 0,
    avatar_url    text    NOT NULL DEFAULT '',
    department_id bigint  NOT NULL DEFAULT 0,
    email         text    NOT NULL DEFAULT '',
    real_name     text    NOT NULL DEFAULT '',
    tel           text    NOT NULL DEFAULT '',
    domain        text    NOT NULL DEFAULT '',
    status        integer NOT NULL DEFAULT 0,
    sign_info     text    NOT NULL DEFAULT '',
    -- pbkdf2-sha256$... or teamtalk-md5$... (docs/SECURITY.md), never the client's digest
    credential    text    NOT NULL,
    updated_at    bigint  NOT NULL
);
CREATE UNIQUE INDEX app_user_name ON app_user (name);
-- clients' incremental all-user sync: users changed after a time
CREATE INDEX app_user_updated ON app_user (updated_at);

CREATE TABLE chat_group (
    group_id   bigint  PRIMARY KEY CHECK (group_id > 0),
    name       text    NOT NULL,
    avatar     text    NOT NULL DEFAULT '',
    creator_id bigint  NOT NULL,
    type       integer NOT NULL,
    version    integer NOT NULL DEFAULT 1
);

CREATE TABLE group_member (
    group_id  bigint  NOT NULL REFERENCES chat_group (group_id) ON DELETE CASCADE,
    user_id   bigint  NOT NULL,
    -- TeamTalk's shield: the member's pushes for this group are off
    shielded  boolean NOT NULL DEFAULT false,
    joined_at bigint  NOT NULL,
    PRIMARY KEY (group_id, user_id)
);

CREATE TABLE recent_session (
    user_id      bigint  NOT NULL,
    session_type integer NOT NULL,
    peer_id      bigint  NOT NULL,
    updated_at   bigint  NOT NULL,
    -- set when the user removed the session (IMRemoveSessionReq); it comes back with the next message
    removed_at   bigint,
    PRIMARY KEY (user_id, session_type, peer_id)
);
CREATE INDEX recent_session_updated ON recent_session (user_id, updated_at);

-- the highest msg_id of a conversation the user has read: unread = latest msg_id - read mark
CREATE TABLE read_mark (
    user_id      bigint NOT NULL,
    conversation text   NOT NULL,
    msg_id       bigint NOT NULL CHECK (msg_id >= 0),
    PRIMARY KEY (user_id, conversation)
);
