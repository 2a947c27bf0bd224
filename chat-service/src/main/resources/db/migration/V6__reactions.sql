-- Emoji reactions to messages: one row per (message, user, emoji), so the same person cannot react twice with one
-- emoji. A reaction is added or removed by a command that also appends reaction.added / reaction.removed to the
-- conversation's timeline; this table is what makes a second add or an absent remove a no-op.
CREATE TABLE reactions (
    message_id uuid        NOT NULL REFERENCES messages (message_id),
    user_id    uuid        NOT NULL,
    emoji      varchar(32) NOT NULL,
    reacted_at timestamptz NOT NULL,
    PRIMARY KEY (message_id, user_id, emoji)
);
