-- Resources: the finished, reusable things a group offers beyond its
-- members (essaim_domain::resources): a link, an uploaded file or one of
-- its wiki pages, with a type, keywords and a license.

-- The license a group's resources carry unless one says otherwise (a
-- name, as shown): the card's license to begin with.
ALTER TABLE groups ADD COLUMN resources_license TEXT NOT NULL DEFAULT 'CC BY-SA 4.0';
UPDATE groups SET resources_license = CASE license
    WHEN 'cc-by-4.0' THEN 'CC BY 4.0'
    WHEN 'cc-by-nc-4.0' THEN 'CC BY-NC 4.0'
    WHEN 'cc-by-nc-sa-4.0' THEN 'CC BY-NC-SA 4.0'
    WHEN 'cc-by-nd-4.0' THEN 'CC BY-ND 4.0'
    WHEN 'cc-by-nc-nd-4.0' THEN 'CC BY-NC-ND 4.0'
    WHEN 'cc0-1.0' THEN 'CC0 1.0'
    WHEN 'other' THEN COALESCE(NULLIF(license_other, ''), 'CC BY-SA 4.0')
    ELSE 'CC BY-SA 4.0' END;

CREATE TABLE resources (
    id INTEGER PRIMARY KEY,
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    author_name TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL CHECK (category IN ('guide', 'template', 'tool', 'training', 'video', 'other')),
    kind TEXT NOT NULL CHECK (kind IN ('link', 'file', 'page')),
    -- A link's address.
    url TEXT,
    -- A wiki page of the same group.
    page_id BIGINT REFERENCES pages(id) ON DELETE CASCADE,
    -- An uploaded file: its name, type, size and stored name under the
    -- data directory's attachments.
    file_name TEXT,
    file_type TEXT,
    file_size BIGINT,
    stored_as TEXT,
    -- Its own license's name; empty: the group's.
    license TEXT NOT NULL DEFAULT '',
    -- What its author chose, and what it is: members-only whenever its
    -- page is not readable by everyone.
    chosen_visibility TEXT NOT NULL CHECK (chosen_visibility IN ('public', 'members')),
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK ((kind = 'link' AND url IS NOT NULL) OR (kind = 'page' AND page_id IS NOT NULL)
        OR (kind = 'file' AND stored_as IS NOT NULL))
);
CREATE INDEX resources_group_time ON resources (group_id, updated_at, id);
CREATE INDEX resources_time ON resources (updated_at, id);
CREATE INDEX resources_category_time ON resources (category, updated_at, id);
CREATE INDEX resources_page ON resources (page_id);

CREATE TABLE resource_keywords (
    resource_id BIGINT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
    keyword TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (resource_id, keyword)
);
CREATE INDEX resource_keywords_keyword ON resource_keywords (keyword, resource_id);
