-- The shared space: page history, redirects after renaming, access per
-- wiki and per page, watches, attachments, and the search index.

ALTER TABLE groups ADD COLUMN wiki_read TEXT NOT NULL DEFAULT 'everyone';
ALTER TABLE groups ADD COLUMN wiki_edit TEXT NOT NULL DEFAULT 'members';
ALTER TABLE pages ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
ALTER TABLE pages ADD COLUMN read_access TEXT;
ALTER TABLE pages ADD COLUMN edit_access TEXT;

CREATE TABLE page_revisions (
    id INTEGER PRIMARY KEY,
    page_id BIGINT NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    title TEXT NOT NULL,
    markdown TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (page_id, number)
);
CREATE INDEX page_revisions_time ON page_revisions (created_at);
CREATE INDEX page_revisions_author ON page_revisions (author_id, created_at);

INSERT INTO page_revisions (page_id, number, title, markdown, summary, author_id, created_at)
SELECT id, 1, title, markdown, '', updated_by, updated_at FROM pages;

CREATE TABLE page_redirects (
    scope BIGINT NOT NULL,
    old_slug TEXT NOT NULL,
    page_id BIGINT NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    PRIMARY KEY (scope, old_slug)
);

CREATE TABLE watches (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    scope BIGINT NOT NULL,
    page_id BIGINT REFERENCES pages(id) ON DELETE CASCADE,
    mode TEXT NOT NULL DEFAULT 'immediate',
    stop_token TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX watches_one ON watches (user_id, scope, COALESCE(page_id, 0));
CREATE INDEX watches_scope ON watches (scope, page_id);

CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    page_id BIGINT NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    stored_as TEXT NOT NULL,
    has_thumbnail BOOLEAN NOT NULL DEFAULT 0,
    uploaded_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX attachments_page ON attachments (page_id);

CREATE TABLE search_docs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    ref_id BIGINT NOT NULL,
    scope BIGINT NOT NULL,
    access TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    url TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    terms TEXT NOT NULL,
    UNIQUE (kind, ref_id)
);
-- Contentless FTS5 index of the stemmed terms; rowid = search_docs.id.
CREATE VIRTUAL TABLE search_fts USING fts5(terms, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE INDEX search_docs_scope ON search_docs (scope);
