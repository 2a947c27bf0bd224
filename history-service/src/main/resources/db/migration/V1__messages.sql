-- The read side of every timeline: one row per sequenced event that carries a message.
CREATE TABLE messages (
    conversation_id uuid        NOT NULL,
    seq             bigint      NOT NULL,
    message_id      uuid        NOT NULL,
    sender_id       uuid        NOT NULL,
    body            text,
    format          varchar(16) NOT NULL DEFAULT 'markdown',
    created_at      timestamptz NOT NULL,
    edited_at       timestamptz,
    deleted         boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (conversation_id, seq)
);

CREATE UNIQUE INDEX messages_by_id ON messages (message_id);
