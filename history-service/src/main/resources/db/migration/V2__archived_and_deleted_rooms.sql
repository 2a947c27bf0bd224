-- Rooms can be archived (read-only; still listed, flagged) and deleted (gone for everyone). A deleted conversation
-- keeps only this row and its conversation.deleted event, so a replayed older event cannot bring anything back.
ALTER TABLE conversations ADD COLUMN archived boolean NOT NULL DEFAULT false;
ALTER TABLE conversations ADD COLUMN deleted boolean NOT NULL DEFAULT false;
