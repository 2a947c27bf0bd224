-- Threads (issue 18 item 1). A thread reply names its root message; one not also sent to the conversation is left out
-- of the conversation's message pages, previews and (unless the reader follows its thread) unread counts. A root's
-- summary (reply count, last reply time, the people in it) is counted at read time from the replies, so replays,
-- edits and deletes need no counter to keep right.
ALTER TABLE messages ADD COLUMN thread_root_id uuid;
ALTER TABLE messages ADD COLUMN also_to_conversation boolean NOT NULL DEFAULT false;

-- A thread's replies in order, and the summaries of the roots on a page.
CREATE INDEX messages_by_thread ON messages (thread_root_id, seq) WHERE thread_root_id IS NOT NULL;

-- Unread counts read the thread columns too, still index-only.
DROP INDEX messages_live;
CREATE INDEX messages_live ON messages (conversation_id, seq) INCLUDE (sender_id, thread_root_id, also_to_conversation)
    WHERE NOT deleted;

-- Who follows a thread, and why: its new replies count in their unread state. 'posted' (wrote the root or a reply) is
-- the first reason; 'mentioned' is for the mentions projection to insert (ON CONFLICT DO NOTHING keeps the first
-- reason). A member who leaves the conversation keeps the row but no longer has an unread count there.
CREATE TABLE thread_follows (
    conversation_id uuid        NOT NULL,
    root_id         uuid        NOT NULL,
    user_id         uuid        NOT NULL,
    reason          varchar(16) NOT NULL,
    PRIMARY KEY (root_id, user_id)
);

CREATE INDEX thread_follows_by_conversation ON thread_follows (conversation_id);
