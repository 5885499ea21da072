-- Projects: what a group carries, its holders, keywords, dated news, the
-- people who offered to help, the facilitators' weekly reviews and the
-- emails asking a holder for news (answered by replying, or through a
-- one-field form). Codes are the domain's (`projects::ProjectStatus`,
-- `NewsVia`; a test compares).
CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'idea' CHECK (status IN ('idea', 'active', 'paused', 'done', 'stopped')),
    next_step TEXT NOT NULL DEFAULT '',
    open_to_contributors BOOLEAN NOT NULL DEFAULT 0,
    visibility TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'members')),
    last_news_at BIGINT,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX projects_group ON projects (group_id, created_at);
CREATE INDEX projects_catalogue ON projects (open_to_contributors, updated_at);

CREATE TABLE project_holders (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    position BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_holders_user ON project_holders (user_id);

CREATE TABLE project_keywords (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    keyword TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (project_id, keyword)
);
CREATE INDEX project_keywords_keyword ON project_keywords (keyword, project_id);

CREATE TABLE project_news (
    id INTEGER PRIMARY KEY,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    markdown TEXT NOT NULL,
    via TEXT NOT NULL DEFAULT 'web' CHECK (via IN ('web', 'email')),
    message_id TEXT UNIQUE,
    created_at BIGINT NOT NULL
);
CREATE INDEX project_news_project ON project_news (project_id, created_at);

CREATE TABLE project_helpers (
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, user_id)
);

CREATE TABLE follow_up_reviews (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    reviewer_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    reviewer_name TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX follow_up_reviews_group ON follow_up_reviews (group_id, created_at);

CREATE TABLE news_requests (
    id INTEGER PRIMARY KEY,
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    holder_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    asked_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    key_hash TEXT NOT NULL UNIQUE,
    asked_at BIGINT NOT NULL,
    answered_at BIGINT
);
CREATE INDEX news_requests_project ON news_requests (project_id, asked_at);
