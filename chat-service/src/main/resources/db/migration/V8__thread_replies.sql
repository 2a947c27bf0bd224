-- Threads (issue 18 item 1): a thread reply names its root message. A send naming a root is refused unless the root is
-- a live message of the same conversation that is not itself a thread reply (threads are one level deep), which the
-- send batch checks by primary key; no index is needed.
ALTER TABLE messages ADD COLUMN thread_root_id uuid;
