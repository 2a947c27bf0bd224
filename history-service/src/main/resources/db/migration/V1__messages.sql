-- history-service's read model of chat.events (and display names from user.events).
-- Every table is written only by the Kafka listeners; a replayed event changes nothing because each timeline event
-- is first inserted into timeline_events under its (conversation_id, seq) key and projected only if that insert
-- happened, in the same transaction.

-- Every timeline event as chat-service published it (contract JSON with "type" and "v"), so sync returns exactly the
-- timeline in seq order. A deleted message's body and attachments are scrubbed from its events' payloads too.
CREATE TABLE timeline_events (
    conversation_id uuid        NOT NULL,
    seq             bigint      NOT NULL,
    message_id      uuid,
    occurred_at     timestamptz NOT NULL,
    payload         jsonb       NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);

-- Finds the events of a message to scrub when it is deleted.
CREATE INDEX timeline_events_by_message ON timeline_events (message_id) WHERE message_id IS NOT NULL;

CREATE TABLE conversations (
    conversation_id  uuid        PRIMARY KEY,
    kind             varchar(16) NOT NULL,
    name             text,
    topic            text,
    is_public        boolean     NOT NULL DEFAULT false,
    -- The highest seq stored: sync compares the client's last seq with it (seqs are gapless).
    last_seq         bigint      NOT NULL,
    -- Creation, then each new message: what summaries are ordered by.
    last_activity_at timestamptz NOT NULL
);

-- Current members only: a member who leaves is deleted, and with them their access and read cursor.
CREATE TABLE members (
    conversation_id uuid        NOT NULL,
    user_id         uuid        NOT NULL,
    role            varchar(16) NOT NULL,
    joined_seq      bigint      NOT NULL,
    -- Read up to and including this seq; starts at the seq that made the user a member, moves forward only.
    read_seq        bigint      NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);

-- The caller's conversations (summaries, sync, search).
CREATE INDEX members_by_user ON members (user_id);

CREATE TABLE messages (
    conversation_id uuid        NOT NULL,
    seq             bigint      NOT NULL,
    message_id      uuid        NOT NULL,
    sender_id       uuid        NOT NULL,
    -- Null once deleted.
    body            text,
    format          varchar(16) NOT NULL,
    -- AttachmentRef metadata as the event carried it; [] once deleted.
    attachments     jsonb       NOT NULL DEFAULT '[]',
    reply_to        bigint,
    created_at      timestamptz NOT NULL,
    edited_at       timestamptz,
    deleted         boolean     NOT NULL DEFAULT false,
    -- The body as words for the 'simple' configuration, CJK runs as character bigrams (see SearchText); null once
    -- deleted.
    search_vector   tsvector,
    PRIMARY KEY (conversation_id, seq)
);

-- Edits and deletes name the message by id.
CREATE UNIQUE INDEX messages_by_id ON messages (message_id);

-- Unread counts: an index-only range scan over the live messages after a read cursor.
CREATE INDEX messages_live ON messages (conversation_id, seq) INCLUDE (sender_id) WHERE NOT deleted;

CREATE INDEX messages_search ON messages USING gin (search_vector);

-- Display names from user.events; updated_at keeps a replayed older profile from overwriting a newer one.
CREATE TABLE users (
    user_id      uuid        PRIMARY KEY,
    username     text,
    display_name text,
    updated_at   timestamptz NOT NULL
);
