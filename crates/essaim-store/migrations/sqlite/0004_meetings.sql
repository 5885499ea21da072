-- Meetings: series, meetings and who comes, personal calendar keys, date
-- polls with their options and answers, and what keeping regular groups
-- alive has done (read later by the "meetings" health indicator).

ALTER TABLE groups ADD COLUMN meets_regularly TEXT;
ALTER TABLE groups ADD COLUMN meeting_lead_days BIGINT NOT NULL DEFAULT 10;

CREATE TABLE meeting_series (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    duration BIGINT NOT NULL,
    timezone TEXT NOT NULL,
    address TEXT,
    latitude REAL,
    longitude REAL,
    online_url TEXT,
    capacity BIGINT,
    visibility TEXT NOT NULL DEFAULT 'public',
    organizer_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    last_start BIGINT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);
CREATE INDEX meeting_series_group ON meeting_series (group_id);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    series_id BIGINT REFERENCES meeting_series(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    timezone TEXT NOT NULL,
    address TEXT,
    latitude REAL,
    longitude REAL,
    online_url TEXT,
    capacity BIGINT,
    visibility TEXT NOT NULL DEFAULT 'public',
    status TEXT NOT NULL DEFAULT 'scheduled',
    organizer_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    sequence BIGINT NOT NULL DEFAULT 0,
    minutes_page_id BIGINT REFERENCES pages(id) ON DELETE SET NULL,
    minutes_asked_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX meetings_group_time ON meetings (group_id, starts_at);
CREATE INDEX meetings_time ON meetings (starts_at);
CREATE INDEX meetings_series ON meetings (series_id, starts_at);

CREATE TABLE meeting_answers (
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    answer TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, user_id)
);
CREATE INDEX meeting_answers_user ON meeting_answers (user_id, meeting_id);

CREATE TABLE calendar_keys (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    key_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE polls (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    duration_minutes BIGINT NOT NULL,
    timezone TEXT NOT NULL,
    deadline BIGINT,
    guests_allowed BOOLEAN NOT NULL DEFAULT 0,
    visibility TEXT NOT NULL DEFAULT 'public',
    organizer_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'open',
    meeting_id BIGINT REFERENCES meetings(id) ON DELETE SET NULL,
    reminded_at BIGINT,
    created_at BIGINT NOT NULL,
    closed_at BIGINT
);
CREATE INDEX polls_group ON polls (group_id, status);

CREATE TABLE poll_options (
    id INTEGER PRIMARY KEY,
    poll_id BIGINT NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    starts_at BIGINT,
    label TEXT
);
CREATE INDEX poll_options_poll ON poll_options (poll_id, position);

CREATE TABLE poll_participants (
    id INTEGER PRIMARY KEY,
    poll_id BIGINT NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    edit_key_hash TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX poll_participants_user ON poll_participants (poll_id, user_id);

CREATE TABLE poll_answers (
    participant_id BIGINT NOT NULL REFERENCES poll_participants(id) ON DELETE CASCADE,
    option_id BIGINT NOT NULL REFERENCES poll_options(id) ON DELETE CASCADE,
    choice TEXT NOT NULL,
    PRIMARY KEY (participant_id, option_id)
);

CREATE TABLE meeting_alive (
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    due_at BIGINT NOT NULL,
    organizer_told_at BIGINT,
    facilitators_told_at BIGINT,
    resolved_at BIGINT,
    PRIMARY KEY (group_id, due_at)
);
