-- Publication is recorded per conversation, as a watermark, instead of flagging every event row: every event with
-- seq <= published_seq is acknowledged by Kafka; the events above it (up to last_seq) are the outbox.
ALTER TABLE conversations ADD COLUMN published_seq bigint NOT NULL DEFAULT 0;
UPDATE conversations c SET published_seq = COALESCE(
    (SELECT min(e.seq) - 1 FROM events e WHERE e.conversation_id = c.id AND NOT e.published), c.last_seq);
-- What the relay looks for: conversations with events not yet on Kafka.
CREATE INDEX conversations_unpublished ON conversations (id) WHERE last_seq > published_seq;
-- The flag is no longer read or written (a later migration drops it). While a replica of the previous version still
-- runs in a rolling upgrade, its relay may publish new events a second time: consumers keep one copy per seq.
DROP INDEX events_unpublished;
