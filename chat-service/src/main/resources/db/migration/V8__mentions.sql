-- Who may mention a whole room (@room, @here): its owner and admins only (the default), or every member.
ALTER TABLE conversations ADD COLUMN everyone_mentions_room boolean NOT NULL DEFAULT false;
