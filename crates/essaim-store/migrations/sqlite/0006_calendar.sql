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
-- Feeds read what they need from this index alone, in start order, instead
-- of seeking each meeting's row (half the time for 10,000 events). Not on
-- PostgreSQL, whose index entries are limited to about 2.7 kB.
CREATE INDEX meetings_feed ON meetings (starts_at, ends_at, group_id, visibility, status, sequence,
    ics_sequence, ics_origin, ics_group, ics);
-- Meetings made before: a single meeting was announced when made, a
-- series' date two weeks ahead.
UPDATE meetings SET invited_at = created_at
    WHERE series_id IS NULL OR starts_at - 1209600 <= CAST(strftime('%s', 'now') AS INTEGER);

ALTER TABLE poll_participants ADD COLUMN email TEXT;
ALTER TABLE poll_participants ADD COLUMN lang TEXT;
