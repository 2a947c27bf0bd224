-- Notification settings that follow the user (issue 18 item 6). A conversation's settings sit on the member's row, so
-- leaving the conversation forgets them and rejoining starts from the defaults; the summaries read them with no join.
-- muted with a null muted_until is muted for ever; a muted_until in the past reads as not muted (compared when read,
-- so nothing has to run at the time given).
ALTER TABLE members ADD COLUMN notification_mode text NOT NULL DEFAULT 'ALL';
ALTER TABLE members ADD COLUMN muted boolean NOT NULL DEFAULT false;
ALTER TABLE members ADD COLUMN muted_until timestamptz;

-- Do-not-disturb for the whole account: a row while it is set (a null until: for ever). Kept by user, not member, so
-- it holds in conversations joined later.
CREATE TABLE do_not_disturb (
    user_id uuid PRIMARY KEY,
    until   timestamptz
);
