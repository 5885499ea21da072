-- Stored codes that decide who sees and joins what are checked by the
-- database too: a value the application does not know cannot be written
-- (the application refuses to read one, instead of falling back to an open
-- default). The lists are the domain's enums (a test compares them).
ALTER TABLE groups ADD CONSTRAINT groups_status_code CHECK (status IN ('preparing', 'active', 'archived'));
ALTER TABLE groups ADD CONSTRAINT groups_joining_code CHECK (joining IN ('open', 'request'));
ALTER TABLE groups ADD CONSTRAINT groups_wiki_read_code CHECK (wiki_read IN ('everyone', 'members', 'facilitators'));
ALTER TABLE groups ADD CONSTRAINT groups_wiki_edit_code CHECK (wiki_edit IN ('members', 'logged_in'));
ALTER TABLE groups ADD CONSTRAINT groups_discussions_read_code CHECK (discussions_read IN ('public', 'members'));
ALTER TABLE groups ADD CONSTRAINT groups_discussions_outsiders_code CHECK (discussions_outsiders IN ('moderate', 'refuse'));
ALTER TABLE pages ADD CONSTRAINT pages_read_access_code CHECK (read_access IS NULL OR read_access IN ('everyone', 'members', 'facilitators'));
ALTER TABLE pages ADD CONSTRAINT pages_edit_access_code CHECK (edit_access IS NULL OR edit_access IN ('members', 'logged_in'));
ALTER TABLE meetings ADD CONSTRAINT meetings_visibility_code CHECK (visibility IN ('public', 'members'));
ALTER TABLE polls ADD CONSTRAINT polls_visibility_code CHECK (visibility IN ('public', 'members'));
ALTER TABLE search_docs ADD CONSTRAINT search_docs_access_code CHECK (access IN ('everyone', 'members', 'facilitators'));
