-- An owner may archive a room (read-only until unarchived) or delete it (every member removed; the row stays as
-- the holder of its timeline and seq, so nothing can ever reuse them).
ALTER TABLE conversations ADD COLUMN archived boolean NOT NULL DEFAULT false;
ALTER TABLE conversations ADD COLUMN deleted_at timestamptz;
