-- Newsletters (essaim_domain::newsletter): a letter per group or per
-- ecosystem keyword, its items (kept in order, each with the versions it
-- goes into and the editor's words), the addresses it went to (one row per
-- letter and address: nobody gets it twice), and each group's schedule.
CREATE TABLE newsletters (
    id INTEGER PRIMARY KEY,
    group_id BIGINT REFERENCES groups(id) ON DELETE CASCADE,
    keyword TEXT,
    period_from BIGINT NOT NULL,
    period_to BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'sending', 'sent')),
    -- How many addresses it goes to, counted when sending starts.
    total BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    CHECK ((group_id IS NULL) <> (keyword IS NULL))
);
CREATE INDEX newsletters_group ON newsletters (group_id, period_to);
CREATE INDEX newsletters_keyword ON newsletters (keyword, period_to);
-- One draft at a time per group or keyword.
CREATE UNIQUE INDEX newsletters_one_draft ON newsletters (COALESCE(group_id, 0), COALESCE(keyword, '')) WHERE status = 'draft';

CREATE TABLE newsletter_items (
    id INTEGER PRIMARY KEY,
    newsletter_id BIGINT NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('new_page', 'edited_page', 'resource', 'project_news', 'project_help', 'meeting', 'poll', 'minutes', 'welcome', 'thanks', 'referent')),
    reach TEXT NOT NULL CHECK (reach IN ('everyone', 'members', 'public_only')),
    item_key TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    -- When it happens (a meeting, a poll's deadline), or 0.
    at BIGINT NOT NULL DEFAULT 0,
    -- The people it names (JSON), for thanks and welcomes.
    people TEXT NOT NULL DEFAULT '[]',
    -- The editor's words; NULL: the item's own.
    text TEXT,
    removed BIGINT NOT NULL DEFAULT 0,
    UNIQUE (newsletter_id, item_key)
);
CREATE INDEX newsletter_items_order ON newsletter_items (newsletter_id, position);

CREATE TABLE newsletter_deliveries (
    newsletter_id BIGINT NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    version TEXT NOT NULL CHECK (version IN ('members', 'public')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (newsletter_id, email)
);

CREATE TABLE newsletter_settings (
    group_id BIGINT PRIMARY KEY REFERENCES groups(id) ON DELETE CASCADE,
    schedule TEXT NOT NULL CHECK (schedule IN ('monthly', 'fortnightly', 'never'))
);
