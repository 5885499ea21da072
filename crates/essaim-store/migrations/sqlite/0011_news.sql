-- News: what a group's facilitators and leaders publish (essaim_domain::news),
-- and the people who receive a group's news by email without an account.
CREATE TABLE news (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- The stored name of its image under the data directory, if any.
    image TEXT,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members')),
    created_at BIGINT NOT NULL
);
CREATE INDEX news_group_time ON news (group_id, created_at, id);

-- News-only subscribers: an address per group, confirmed by a link (only
-- the hash of its secret is kept), in the language they subscribed in.
CREATE TABLE news_subscribers (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    token_hash TEXT NOT NULL,
    confirmed_at BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (group_id, email)
);
CREATE INDEX news_subscribers_token ON news_subscribers (token_hash);
