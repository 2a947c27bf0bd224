-- Conversations and their members. last_seq is the conversation's gapless sequence: the seq of its newest event.
CREATE TABLE conversations (
    id          uuid PRIMARY KEY,
    kind        varchar(8)   NOT NULL CHECK (kind IN ('DIRECT', 'GROUP')),
    name        varchar(100),
    topic       varchar(500),
    is_public   boolean      NOT NULL DEFAULT false,
    -- "smaller-uuid:larger-uuid" for a direct conversation, so asking again finds the same one.
    direct_key  varchar(73)  UNIQUE,
    created_by  uuid         NOT NULL,
    created_at  timestamptz  NOT NULL,
    last_seq    bigint       NOT NULL DEFAULT 0
);

CREATE INDEX conversations_public_by_name ON conversations (lower(name)) WHERE is_public;

CREATE TABLE members (
    conversation_id uuid        NOT NULL REFERENCES conversations (id),
    user_id         uuid        NOT NULL,
    role            varchar(8)  NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER')),
    joined_at       timestamptz NOT NULL,
    read_seq        bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
);

CREATE INDEX members_by_user ON members (user_id);

-- The timeline and its outbox: an event is stored here in the transaction that assigns its seq, and marked
-- published once Kafka has acknowledged it.
CREATE TABLE events (
    conversation_id uuid        NOT NULL REFERENCES conversations (id),
    seq             bigint      NOT NULL,
    payload         text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    published       boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (conversation_id, seq)
);

CREATE INDEX events_unpublished ON events (conversation_id, seq) WHERE NOT published;

-- What edit and delete need to authorize: who sent a message, and whether it is gone.
CREATE TABLE messages (
    message_id      uuid    PRIMARY KEY,
    conversation_id uuid    NOT NULL REFERENCES conversations (id),
    seq             bigint  NOT NULL,
    sender_id       uuid    NOT NULL,
    deleted         boolean NOT NULL DEFAULT false
);

-- Idempotency: a client's command id, per sender, and what it produced. A retry gets the same answer.
CREATE TABLE processed_commands (
    sender_id       uuid         NOT NULL,
    client_id       varchar(64)  NOT NULL,
    conversation_id uuid         NOT NULL,
    message_id      uuid,
    seq             bigint       NOT NULL,
    occurred_at     timestamptz  NOT NULL,
    PRIMARY KEY (sender_id, client_id)
);

-- Projections of user.events: who exists, and who blocked whom.
CREATE TABLE known_users (
    user_id      uuid PRIMARY KEY,
    username     varchar(32) NOT NULL,
    display_name varchar(64) NOT NULL
);

CREATE TABLE blocks (
    blocker_id uuid NOT NULL,
    blocked_id uuid NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
