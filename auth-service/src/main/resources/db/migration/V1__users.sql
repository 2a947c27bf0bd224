-- Accounts. Usernames are unique ignoring case; the hash is a PHC string naming its algorithm and parameters.
CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    username      varchar(32) NOT NULL,
    display_name  varchar(64) NOT NULL,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE UNIQUE INDEX users_username_ci ON users (lower(username));
-- Prefix search ("LIKE 'abc%'") needs pattern-ops indexes whatever the database collation is.
CREATE INDEX users_username_prefix ON users (lower(username) text_pattern_ops);
CREATE INDEX users_display_name_prefix ON users (lower(display_name) text_pattern_ops);

-- A login on one device. Its refresh tokens rotate; revoking it ends them all. expires_at slides on each refresh.
CREATE TABLE sessions (
    id             uuid        PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason varchar(32)
);

CREATE INDEX sessions_user ON sessions (user_id);

-- Refresh tokens by the SHA-256 (hex) of their opaque value. A used one is kept while its session lives, so that
-- its reuse is recognised.
CREATE TABLE refresh_tokens (
    token_hash char(64)    PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    used_at    timestamptz
);

CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- A pending friend request from requester to addressee.
CREATE TABLE friend_requests (
    requester_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    addressee_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (requester_id, addressee_id)
);

CREATE INDEX friend_requests_addressee ON friend_requests (addressee_id);

-- A friendship is stored once per direction, so a user's friends are one index range.
CREATE TABLE friendships (
    user_id   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    friend_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    since     timestamptz NOT NULL,
    PRIMARY KEY (user_id, friend_id)
);

CREATE TABLE blocks (
    blocker_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);

CREATE INDEX blocks_blocked ON blocks (blocked_id);

-- Transactional outbox for user.events: written in the transaction of the change, deleted by the relay once Kafka
-- acknowledged it. The payload is the record's JSON exactly as it goes on the topic.
CREATE TABLE outbox_events (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_key  varchar(64) NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL
);

-- Throttling counters, shared by every replica: one row per counted attempt, forgotten after its window.
CREATE TABLE throttle_hits (
    id      bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bucket  varchar(32)  NOT NULL,
    subject varchar(255) NOT NULL,
    hit_at  timestamptz  NOT NULL
);

CREATE INDEX throttle_hits_lookup ON throttle_hits (bucket, subject, hit_at);
CREATE INDEX throttle_hits_age ON throttle_hits (hit_at);
