-- The activity log: one row per change a group lives by, written in the
-- same transaction as the change (the domain's `activity::EventKind` lists
-- and documents every kind; a test compares the CHECK below with it). The
-- rows below fill it from what the database already holds, each with its
-- own date, so that a network that upgrades keeps its history.
CREATE TABLE activity (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('topic_opened', 'post_written', 'page_saved', 'page_restored', 'file_attached', 'meeting_created', 'meeting_held', 'meeting_cancelled', 'poll_opened', 'poll_closed', 'minutes_written', 'project_created', 'project_news', 'follow_up_reviewed', 'news_posted', 'newsletter_sent', 'resource_added', 'member_joined', 'member_left', 'roles_changed')),
    actor_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    actor_name TEXT NOT NULL DEFAULT '',
    object_id BIGINT,
    title TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    audience TEXT NOT NULL CHECK (audience IN ('public', 'members', 'facilitators')),
    at BIGINT NOT NULL
);
CREATE INDEX activity_group_time ON activity (group_id, at, id);
CREATE INDEX activity_object ON activity (kind, object_id);
CREATE INDEX activity_actor ON activity (actor_id, at);

-- Topics opened (their first message).
INSERT INTO activity (group_id, kind, actor_id, actor_name, object_id, title, url, audience, at)
SELECT t.group_id, 'topic_opened', t.author_id, t.author_name, t.id, t.title,
       '/g/' || g.slug || '/discussions/' || t.id,
       CASE g.discussions_read WHEN 'public' THEN 'public' ELSE 'members' END, t.created_at
FROM topics t JOIN groups g ON g.id = t.group_id;

-- Replies shown (not a topic's first message).
INSERT INTO activity (group_id, kind, actor_id, actor_name, object_id, title, url, audience, at)
SELECT p.group_id, 'post_written', p.author_id, p.author_name, t.id, t.title,
       '/g/' || g.slug || '/discussions/' || t.id,
       CASE g.discussions_read WHEN 'public' THEN 'public' ELSE 'members' END, p.created_at
FROM posts p JOIN topics t ON t.id = p.topic_id JOIN groups g ON g.id = p.group_id
WHERE p.status = 'visible' AND p.id <> (SELECT MIN(f.id) FROM posts f WHERE f.topic_id = p.topic_id);

-- Every saved version of a group's wiki pages.
INSERT INTO activity (group_id, kind, actor_id, actor_name, object_id, title, url, audience, at)
SELECT pg.group_id, 'page_saved', r.author_id, COALESCE(u.name, ''), pg.id, r.title,
       '/g/' || g.slug || '/wiki/' || pg.slug,
       CASE COALESCE(pg.read_access, g.wiki_read) WHEN 'everyone' THEN 'public' WHEN 'members' THEN 'members' ELSE 'facilitators' END,
       r.created_at
FROM page_revisions r JOIN pages pg ON pg.id = r.page_id JOIN groups g ON g.id = pg.group_id
LEFT JOIN users u ON u.id = r.author_id;

-- Files attached to a group's wiki pages.
INSERT INTO activity (group_id, kind, actor_id, actor_name, object_id, title, url, audience, at)
SELECT pg.group_id, 'file_attached', a.uploaded_by, COALESCE(u.name, ''), pg.id, a.name,
       '/g/' || g.slug || '/wiki/' || pg.slug,
       CASE COALESCE(pg.read_access, g.wiki_read) WHEN 'everyone' THEN 'public' WHEN 'members' THEN 'members' ELSE 'facilitators' END,
       a.created_at
FROM attachments a JOIN pages pg ON pg.id = a.page_id JOIN groups g ON g.id = pg.group_id
LEFT JOIN users u ON u.id = a.uploaded_by;

-- Meetings planned, held (their end has passed) and cancelled.
INSERT INTO activity (group_id, kind, actor_id, actor_name, object_id, title, url, audience, at)
SELECT m.group_id, 'meeting_created', m.organizer_id, COALESCE(u.name, ''), m.id, m.title,
       '/g/' || g.slug || '/meetings/' || m.id, m.visibility, m.created_at
FROM meetings m JOIN groups g ON g.id = m.group_id LEFT JOIN users u ON u.id = m.organizer_id;
INSERT INTO activity (group_id, kind, actor_id, actor_name, object_id, title, url, audience, at)
SELECT m.group_id, 'meeting_held', m.organizer_id, COALESCE(u.name, ''), m.id, m.title,
       '/g/' || g.slug || '/meetings/' || m.id, m.visibility, m.ends_at
FROM meetings m JOIN groups g ON g.id = m.group_id LEFT JOIN users u ON u.id = m.organizer_id
WHERE m.status = 'scheduled' AND m.ends_at <= CAST(strftime('%s', 'now') AS INTEGER);
INSERT INTO activity (group_id, kind, actor_id, actor_name, object_id, title, url, audience, at)
SELECT m.group_id, 'meeting_cancelled', m.organizer_id, COALESCE(u.name, ''), m.id, m.title,
       '/g/' || g.slug || '/meetings/' || m.id, m.visibility, m.updated_at
FROM meetings m JOIN groups g ON g.id = m.group_id LEFT JOIN users u ON u.id = m.organizer_id
WHERE m.status = 'cancelled';

-- Minutes started (their page's first version).
INSERT INTO activity (group_id, kind, actor_id, actor_name, object_id, title, url, audience, at)
SELECT m.group_id, 'minutes_written', pg.updated_by, COALESCE(u.name, ''), pg.id, pg.title,
       '/g/' || g.slug || '/wiki/' || pg.slug,
       CASE COALESCE(pg.read_access, g.wiki_read) WHEN 'everyone' THEN 'public' WHEN 'members' THEN 'members' ELSE 'facilitators' END,
       pg.created_at
FROM meetings m JOIN pages pg ON pg.id = m.minutes_page_id JOIN groups g ON g.id = m.group_id
LEFT JOIN users u ON u.id = pg.updated_by;

-- Date polls opened and closed.
INSERT INTO activity (group_id, kind, actor_id, actor_name, object_id, title, url, audience, at)
SELECT p.group_id, 'poll_opened', p.organizer_id, COALESCE(u.name, ''), p.id, p.title,
       '/p/' || p.token, p.visibility, p.created_at
FROM polls p LEFT JOIN users u ON u.id = p.organizer_id;
INSERT INTO activity (group_id, kind, actor_id, actor_name, object_id, title, url, audience, at)
SELECT p.group_id, 'poll_closed', p.organizer_id, COALESCE(u.name, ''), p.id, p.title,
       '/p/' || p.token, p.visibility, p.closed_at
FROM polls p LEFT JOIN users u ON u.id = p.organizer_id
WHERE p.closed_at IS NOT NULL;

-- Members who joined (and are still there: who left was not kept).
INSERT INTO activity (group_id, kind, actor_id, actor_name, object_id, title, url, audience, at)
SELECT ms.group_id, 'member_joined', ms.user_id, u.name, ms.user_id, u.name, '',
       CASE ms.visibility WHEN 'everyone' THEN 'public' ELSE 'members' END, ms.joined_at
FROM memberships ms JOIN users u ON u.id = ms.user_id;
