-- Groups: the directory's cards, members and roles, join requests, and the
-- first pages of each hosted group's shared space.

CREATE TABLE groups (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    summary TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    country TEXT,
    region TEXT,
    latitude REAL,
    longitude REAL,
    member_count BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'active',
    license TEXT NOT NULL DEFAULT 'cc-by-sa-4.0',
    license_other TEXT,
    hosted BOOLEAN NOT NULL,
    joining TEXT NOT NULL DEFAULT 'open',
    listed BOOLEAN NOT NULL DEFAULT 0,
    review TEXT NOT NULL DEFAULT 'pending',
    banner_version BIGINT,
    proposed_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    search_text TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX groups_listing ON groups (listed, status, name);
CREATE INDEX groups_review ON groups (review, created_at);

CREATE TABLE group_keywords (
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    keyword TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (group_id, keyword)
);
CREATE INDEX group_keywords_keyword ON group_keywords (keyword, group_id);

CREATE TABLE group_partners (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    url TEXT,
    logo_version BIGINT
);
CREATE INDEX group_partners_group ON group_partners (group_id, position);

CREATE TABLE group_links (
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    service TEXT NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (group_id, service)
);

CREATE TABLE memberships (
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    visibility TEXT NOT NULL DEFAULT 'members',
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id, group_id);

CREATE TABLE membership_roles (
    group_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (group_id, user_id, role),
    FOREIGN KEY (group_id, user_id) REFERENCES memberships (group_id, user_id) ON DELETE CASCADE
);

CREATE TABLE join_requests (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    message TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending',
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by BIGINT REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX join_requests_group ON join_requests (group_id, status);

CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    group_id BIGINT REFERENCES groups(id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    markdown TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX pages_group_slug ON pages (COALESCE(group_id, 0), slug);
