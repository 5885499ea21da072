-- A post's status decides who reads it: the database refuses a status the
-- application does not know (the domain's `PostStatus`; a test compares).
ALTER TABLE posts ADD CONSTRAINT posts_status_code CHECK (status IN ('visible', 'held', 'hidden', 'deleted'));
