-- Group direct messages: a third kind of conversation, found again by the sorted ids of all its members (up to nine
-- uuids joined by ':'), kept in the same unique column as a direct conversation's key so one race rule covers both.
ALTER TABLE conversations DROP CONSTRAINT conversations_kind_check;
ALTER TABLE conversations ALTER COLUMN kind TYPE varchar(16);
ALTER TABLE conversations ADD CONSTRAINT conversations_kind_check CHECK (kind IN ('DIRECT', 'GROUP', 'GROUP_DIRECT'));
ALTER TABLE conversations ALTER COLUMN direct_key TYPE varchar(340);
