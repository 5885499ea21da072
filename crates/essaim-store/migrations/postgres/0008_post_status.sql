-- A post's status decides who reads it; how it came decides whether it is
-- mailed and summarized; a held message's status whether it waits. The
-- database refuses a code the application does not know (the domain's
-- `PostStatus`, `PostVia`, `HeldStatus`; a test compares).
ALTER TABLE posts ADD CONSTRAINT posts_status_code CHECK (status IN ('visible', 'held', 'hidden', 'deleted'));
ALTER TABLE posts ADD CONSTRAINT posts_via_code CHECK (via IN ('web', 'email', 'import'));
ALTER TABLE held_mail ADD CONSTRAINT held_mail_status_code CHECK (status IN ('pending', 'approved', 'refused'));
