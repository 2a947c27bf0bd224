-- Profile pictures are uploads like attachments (same store, limits, type sniffing and serving rules) but are never
-- posted: readable by every signed-in user, kept while they are their uploader's current avatar (the profile names it,
-- known_users.avatar_id, from user.events), removed by the janitor once replaced or removed.
ALTER TABLE attachments ADD COLUMN avatar boolean NOT NULL DEFAULT false;
CREATE INDEX attachments_avatars ON attachments (uploaded_at) WHERE avatar AND deleted_at IS NULL;

ALTER TABLE known_users ADD COLUMN avatar_id uuid;
-- From user.deleted: such a user is in no conversation and cannot be added to one.
ALTER TABLE known_users ADD COLUMN deleted boolean NOT NULL DEFAULT false;
