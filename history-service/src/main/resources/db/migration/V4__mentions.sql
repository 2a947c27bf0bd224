-- Whom each message mentions, as its message.created event named them (resolved by chat-service): members by id, and
-- the whole room. A reader's mention count is counted at read time, like the unread count, so reads and deletes need
-- no counter to keep right.
ALTER TABLE messages ADD COLUMN mentioned_user_ids uuid[]  NOT NULL DEFAULT '{}';
ALTER TABLE messages ADD COLUMN room_mentioned     boolean NOT NULL DEFAULT false;

-- Mention counts: an index-only range scan over the few live messages that mention anyone, after a read cursor.
CREATE INDEX messages_mentioning ON messages (conversation_id, seq) INCLUDE (sender_id, mentioned_user_ids,
                                                                          room_mentioned)
    WHERE NOT deleted AND (room_mentioned OR cardinality(mentioned_user_ids) > 0);
