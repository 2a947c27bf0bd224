-- The profile picture: an image upload chat-service holds (it owns uploads and serves them at /api/avatars/{id});
-- the profile only names it. Null: no picture, clients show initials.
ALTER TABLE users ADD COLUMN avatar_id uuid;
