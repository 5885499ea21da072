-- A post's status decides who reads it: the database refuses a status the
-- application does not know (the domain's `PostStatus`; a test compares).
-- SQLite cannot add a CHECK to an existing table without rebuilding it:
-- triggers refuse the same writes.
CREATE TRIGGER posts_status_code_insert BEFORE INSERT ON posts FOR EACH ROW WHEN NEW.status IS NULL OR NEW.status NOT IN ('visible', 'held', 'hidden', 'deleted') BEGIN SELECT RAISE(ABORT, 'unknown posts.status code'); END;
CREATE TRIGGER posts_status_code_update BEFORE UPDATE OF status ON posts FOR EACH ROW WHEN NEW.status IS NULL OR NEW.status NOT IN ('visible', 'held', 'hidden', 'deleted') BEGIN SELECT RAISE(ABORT, 'unknown posts.status code'); END;
