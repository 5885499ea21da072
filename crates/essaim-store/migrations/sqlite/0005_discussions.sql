-- Discussions: each hosted group's forum and mailing list in one. Topics
-- and posts (with their history, likes, files and flags), who read what,
-- notifications on the site, each member's email choice, reply keys of
-- sent messages, bounces (return paths are signed, not stored), and mail
-- held for the moderators.

ALTER TABLE groups ADD COLUMN discussions_read TEXT NOT NULL DEFAULT 'public';
ALTER TABLE groups ADD COLUMN discussions_outsiders TEXT NOT NULL DEFAULT 'moderate';
ALTER TABLE groups ADD COLUMN discussions_hold_new BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE memberships ADD COLUMN email_mode TEXT NOT NULL DEFAULT 'every';
ALTER TABLE memberships ADD COLUMN email_own BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN mail_stopped_at BIGINT;

CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    pinned BOOLEAN NOT NULL DEFAULT 0,
    closed BOOLEAN NOT NULL DEFAULT 0,
    post_count BIGINT NOT NULL DEFAULT 0,
    last_post_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX topics_group_activity ON topics (group_id, pinned, last_post_at);

CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    topic_id BIGINT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL,
    parent_id BIGINT,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    author_email TEXT,
    markdown TEXT NOT NULL,
    trimmed TEXT NOT NULL DEFAULT '',
    via TEXT NOT NULL DEFAULT 'web',
    message_id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'visible',
    like_count BIGINT NOT NULL DEFAULT 0,
    edited_at BIGINT,
    mailed_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX posts_topic ON posts (topic_id, created_at);
CREATE INDEX posts_group_time ON posts (group_id, created_at);
CREATE INDEX posts_status ON posts (group_id, status);

CREATE TABLE post_revisions (
    id INTEGER PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    markdown TEXT NOT NULL,
    edited_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX post_revisions_post ON post_revisions (post_id);

CREATE TABLE post_likes (
    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (post_id, user_id)
);

CREATE TABLE post_files (
    id INTEGER PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    stored_as TEXT NOT NULL,
    has_thumbnail BOOLEAN NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX post_files_post ON post_files (post_id);

CREATE TABLE post_flags (
    id INTEGER PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    reason TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    resolved_at BIGINT
);
CREATE INDEX post_flags_open ON post_flags (post_id, resolved_at);

CREATE TABLE topic_reads (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    topic_id BIGINT NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
    read_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, topic_id)
);

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    topic_id BIGINT REFERENCES topics(id) ON DELETE CASCADE,
    post_id BIGINT REFERENCES posts(id) ON DELETE CASCADE,
    actor_name TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications (user_id, read_at, id);

CREATE TABLE reply_keys (
    key TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    topic_id BIGINT REFERENCES topics(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX reply_keys_one ON reply_keys (user_id, group_id, COALESCE(topic_id, 0));

CREATE TABLE mail_bounces (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL,
    permanent BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX mail_bounces_address ON mail_bounces (address, created_at);

CREATE TABLE held_mail (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    from_address TEXT NOT NULL,
    from_name TEXT NOT NULL DEFAULT '',
    subject TEXT NOT NULL,
    markdown TEXT NOT NULL,
    trimmed TEXT NOT NULL DEFAULT '',
    message_id TEXT NOT NULL,
    topic_id BIGINT REFERENCES topics(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    created_at BIGINT NOT NULL,
    UNIQUE (group_id, message_id)
);
CREATE INDEX held_mail_group ON held_mail (group_id, status);

CREATE TABLE list_digests (
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    mode TEXT NOT NULL,
    sent_until BIGINT NOT NULL,
    PRIMARY KEY (group_id, mode)
);
