-- "Mark as unread" counts the messages from others after the reader's new cursor (issue 18 item 7): a range scan of
-- one conversation instead of the whole table.
CREATE INDEX messages_by_conversation ON messages (conversation_id, seq);
