-- Calendars and polls, second part.
-- * Each meeting keeps its calendar event as written for feeds (`ics`),
--   with what it was written for: the meeting's sequence (raised by every
--   change), the group's name and the instance (its address and the
--   writer's version). A feed uses a kept text only when all three still
--   match, and writes the others again.
-- * When a meeting's invitation went out: a cancellation is only emailed
--   to people who were told of the meeting.
-- * A guest answering a poll may leave an email address (and the language
--   they read) to be told the date chosen.

ALTER TABLE meetings ADD COLUMN ics TEXT;
ALTER TABLE meetings ADD COLUMN ics_sequence BIGINT;
ALTER TABLE meetings ADD COLUMN ics_group TEXT;
ALTER TABLE meetings ADD COLUMN ics_origin TEXT;
ALTER TABLE meetings ADD COLUMN invited_at BIGINT;
-- Meetings made before: a single meeting was announced when made, a
-- series' date two weeks ahead.
UPDATE meetings SET invited_at = created_at
    WHERE series_id IS NULL OR starts_at - 1209600 <= CAST(strftime('%s', 'now') AS INTEGER);

ALTER TABLE poll_participants ADD COLUMN email TEXT;
ALTER TABLE poll_participants ADD COLUMN lang TEXT;
