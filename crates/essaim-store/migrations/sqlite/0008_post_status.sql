-- A post's status decides who reads it; how it came decides whether it is
-- mailed and summarized; a held message's status whether it waits. The
-- database refuses a code the application does not know (the domain's
-- `PostStatus`, `PostVia`, `HeldStatus`; a test compares).
-- SQLite cannot add a CHECK to an existing table without rebuilding it:
-- triggers refuse the same writes.
CREATE TRIGGER posts_status_code_insert BEFORE INSERT ON posts FOR EACH ROW WHEN NEW.status IS NULL OR NEW.status NOT IN ('visible', 'held', 'hidden', 'deleted') BEGIN SELECT RAISE(ABORT, 'unknown posts.status code'); END;
CREATE TRIGGER posts_status_code_update BEFORE UPDATE OF status ON posts FOR EACH ROW WHEN NEW.status IS NULL OR NEW.status NOT IN ('visible', 'held', 'hidden', 'deleted') BEGIN SELECT RAISE(ABORT, 'unknown posts.status code'); END;
CREATE TRIGGER posts_via_code_insert BEFORE INSERT ON posts FOR EACH ROW WHEN NEW.via IS NULL OR NEW.via NOT IN ('web', 'email', 'import') BEGIN SELECT RAISE(ABORT, 'unknown posts.via code'); END;
CREATE TRIGGER posts_via_code_update BEFORE UPDATE OF via ON posts FOR EACH ROW WHEN NEW.via IS NULL OR NEW.via NOT IN ('web', 'email', 'import') BEGIN SELECT RAISE(ABORT, 'unknown posts.via code'); END;
CREATE TRIGGER held_mail_status_code_insert BEFORE INSERT ON held_mail FOR EACH ROW WHEN NEW.status IS NULL OR NEW.status NOT IN ('pending', 'approved', 'refused') BEGIN SELECT RAISE(ABORT, 'unknown held_mail.status code'); END;
CREATE TRIGGER held_mail_status_code_update BEFORE UPDATE OF status ON held_mail FOR EACH ROW WHEN NEW.status IS NULL OR NEW.status NOT IN ('pending', 'approved', 'refused') BEGIN SELECT RAISE(ABORT, 'unknown held_mail.status code'); END;
