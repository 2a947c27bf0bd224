-- Conversations and their members. last_seq is the gapless per-conversation sequence of timeline events.
CREATE TABLE conversations (
    id          uuid PRIMARY KEY,
    kind        varchar(8)   NOT NULL CHECK (kind IN ('direct', 'group')),
    name        varchar(100),
    topic       varchar(500),
    visibility  varchar(8)   NOT NULL DEFAULT 'private' CHECK (visibility IN ('public', 'private')),
    created_by  uuid         NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    last_seq    bigint       NOT NULL DEFAULT 0
);

CREATE TABLE members (
    conversation_id uuid        NOT NULL REFERENCES conversations (id),
    user_id         uuid        NOT NULL,
    role            varchar(8)  NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    joined_at       timestamptz NOT NULL DEFAULT now(),
    read_seq        bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
);

CREATE INDEX members_by_user ON members (user_id);
