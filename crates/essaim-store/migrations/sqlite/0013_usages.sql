-- The usages board (essaim_domain::usages): switched on per group by its
-- facilitators; usages (as … I want … so that …) with their estimates and
-- supporters; one-month sprints planning them, reviewed into a wiki page.
ALTER TABLE groups ADD COLUMN usages_enabled BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE usage_sprints (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    -- Days as YYYY-MM-DD (a sprint is planned in days, not instants).
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    -- The review: what we learned, and the short address of its wiki page.
    learned TEXT NOT NULL DEFAULT '',
    review_page TEXT,
    reviewed_at BIGINT
);
CREATE INDEX usage_sprints_group ON usage_sprints (group_id, starts_on);

CREATE TABLE usages (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL DEFAULT '',
    as_who TEXT NOT NULL,
    want TEXT NOT NULL,
    so_that TEXT NOT NULL CHECK (so_that <> ''),
    cost BIGINT CHECK (cost BETWEEN 1 AND 3),
    impact BIGINT CHECK (impact BETWEEN 1 AND 3),
    status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'planned', 'done', 'not_done', 'set_aside')),
    sprint_id BIGINT REFERENCES usage_sprints(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX usages_group ON usages (group_id, created_at, id);
CREATE INDEX usages_sprint ON usages (sprint_id);

-- One support per member and usage (a second click takes it back).
CREATE TABLE usage_supports (
    usage_id BIGINT NOT NULL REFERENCES usages(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (usage_id, user_id)
);
CREATE INDEX usage_supports_user ON usage_supports (user_id);

-- The activity log takes the board's kinds: SQLite changes a CHECK by
-- building the table again.
CREATE TABLE activity_new (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('topic_opened', 'post_written', 'page_saved', 'page_restored', 'file_attached', 'meeting_created', 'meeting_held', 'meeting_cancelled', 'poll_opened', 'poll_closed', 'minutes_written', 'project_created', 'project_news', 'follow_up_reviewed', 'news_posted', 'newsletter_sent', 'resource_added', 'member_joined', 'member_left', 'roles_changed', 'usage_proposed', 'sprint_planned', 'sprint_reviewed')),
    actor_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    actor_name TEXT NOT NULL DEFAULT '',
    object_id BIGINT,
    title TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    audience TEXT NOT NULL CHECK (audience IN ('public', 'members', 'facilitators')),
    at BIGINT NOT NULL
);
INSERT INTO activity_new (id, group_id, kind, actor_id, actor_name, object_id, title, url, audience, at)
SELECT id, group_id, kind, actor_id, actor_name, object_id, title, url, audience, at FROM activity;
DROP TABLE activity;
ALTER TABLE activity_new RENAME TO activity;
CREATE INDEX activity_group_time ON activity (group_id, at, id);
CREATE INDEX activity_object ON activity (kind, object_id);
CREATE INDEX activity_actor ON activity (actor_id, at);
