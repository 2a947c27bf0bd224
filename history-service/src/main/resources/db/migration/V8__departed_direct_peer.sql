-- Who left a direct conversation (a deleted account leaves every conversation, direct ones too): the member who
-- stays keeps the conversation and its messages, and its summary is still named after the one who left.
ALTER TABLE conversations ADD COLUMN departed_peer_id uuid;
