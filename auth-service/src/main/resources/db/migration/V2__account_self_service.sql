-- What a user sees of each of their sessions in the account settings: the device (its User-Agent, as sent), the
-- address it last came from, and when it was last used (signed in or refreshed its tokens).
ALTER TABLE sessions
    ADD COLUMN user_agent     varchar(256),
    ADD COLUMN client_address varchar(64),
    ADD COLUMN last_used_at   timestamptz;

UPDATE sessions SET last_used_at = created_at;
ALTER TABLE sessions ALTER COLUMN last_used_at SET NOT NULL;

-- A deleted account keeps its row (its id still names the author of kept messages) under a tombstone username and
-- the display name "Deleted user"; it can no longer sign in and no search finds it.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;

-- The sessions list shows a user's live sessions; revoking "all others" finds them the same way.
CREATE INDEX sessions_user_live ON sessions (user_id) WHERE revoked_at IS NULL;
