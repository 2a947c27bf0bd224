-- Uploaded files. The bytes live in the object store under attachments/{id} (and thumbnails/{id}); this
-- row is what authorizes them. A row is written before the upload to the store (stored = false), which reserves the
-- uploader's quota and lets the janitor remove objects of an upload that never finished.
CREATE TABLE attachments (
    id              uuid         PRIMARY KEY,
    uploader_id     uuid         NOT NULL,
    name            varchar(255) NOT NULL,
    content_type    varchar(100) NOT NULL,
    size            bigint       NOT NULL CHECK (size >= 0),
    width           integer,
    height          integer,
    has_thumbnail   boolean      NOT NULL,
    -- image/jpeg or image/png; the thumbnail is thumbnails/{id}.
    thumbnail_type  varchar(20),
    -- SHA-256 of the bytes, hex: the ETag.
    sha256          char(64)     NOT NULL,
    uploaded_at     timestamptz  NOT NULL,
    stored          boolean      NOT NULL DEFAULT false,
    -- Set once, when a send attaches the upload; who may download follows the conversation's membership.
    conversation_id uuid,
    message_id      uuid,
    -- Set when the message is deleted (or an unposted upload expires); the janitor then removes the objects and row.
    deleted_at      timestamptz
);

CREATE INDEX attachments_by_message ON attachments (message_id) WHERE message_id IS NOT NULL;
-- The quota sums an uploader's live files.
CREATE INDEX attachments_by_uploader ON attachments (uploader_id) WHERE deleted_at IS NULL;
CREATE INDEX attachments_to_remove ON attachments (deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX attachments_unposted ON attachments (uploaded_at) WHERE message_id IS NULL AND deleted_at IS NULL;
