-- Idempotency keys are scoped to the login session (the token's sid), not the user: two devices of one user that
-- pick the same client id send two messages. Rows stored before this migration, and commands written before the
-- gateway carried the session, use the nil session; a lookup also finds those, so their retries keep their answer.
ALTER TABLE processed_commands ADD COLUMN session_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
ALTER TABLE processed_commands DROP CONSTRAINT processed_commands_pkey;
ALTER TABLE processed_commands ADD PRIMARY KEY (sender_id, client_id, session_id);
