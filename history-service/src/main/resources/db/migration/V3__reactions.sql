-- Emoji reactions as they stand now, projected from reaction.added / reaction.removed (the events themselves stay in
-- timeline_events for resume). Not messages: unread counts, previews and last activity never see them.
CREATE TABLE reactions (
    conversation_id uuid   NOT NULL,
    message_id      uuid   NOT NULL,
    user_id         uuid   NOT NULL,
    emoji           text   NOT NULL,
    -- The seq of the reaction.added event: chips and their people are listed in the order they came.
    reacted_seq     bigint NOT NULL,
    PRIMARY KEY (message_id, user_id, emoji)
);

-- A deleted room forgets its reactions with its messages.
CREATE INDEX reactions_by_conversation ON reactions (conversation_id);
