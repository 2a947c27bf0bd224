-- Threads (issue 18 item 1): a thread reply names its root message. A send naming a root is refused unless the root is
-- a live message of the same conversation that is not itself a thread reply (threads are one level deep), which the
-- send batch checks by primary key.
-- also_to_conversation: the reply shows in the conversation's list too, so it counts as unread for every member (a
-- thread-only reply only for those who posted in its thread), as history-service counts.
ALTER TABLE messages ADD COLUMN thread_root_id uuid;
ALTER TABLE messages ADD COLUMN also_to_conversation boolean NOT NULL DEFAULT false;

-- Who posted in a thread, for the unread count of a "mark as unread"; partial, so sends outside threads never touch it.
CREATE INDEX messages_by_thread ON messages (thread_root_id, sender_id) WHERE thread_root_id IS NOT NULL;
