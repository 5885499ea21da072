-- Group health (essaim_domain::health): the facts the five indicators are
-- read from, kept up to date by a trigger as each event of the activity log
-- is written (in the event's own transaction, whichever write wrote it),
-- so that no page recomputes a year of events; the facilitators' settings
-- (thresholds, public or not, a pause) and the indicators they marked "not
-- relevant for us".
CREATE TABLE group_health_facts (
    group_id BIGINT PRIMARY KEY REFERENCES groups(id) ON DELETE CASCADE,
    last_follow_up BIGINT,
    last_meeting BIGINT,
    last_information BIGINT,
    last_shared_space BIGINT
);

-- Messages and departures per week (week = at / 604800).
CREATE TABLE group_activity_weeks (
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    week BIGINT NOT NULL,
    messages BIGINT NOT NULL DEFAULT 0,
    leaving BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, week)
);

CREATE TABLE group_health_settings (
    group_id BIGINT PRIMARY KEY REFERENCES groups(id) ON DELETE CASCADE,
    follow_up_days BIGINT NOT NULL DEFAULT 14,
    meetings_days BIGINT NOT NULL DEFAULT 60,
    information_days BIGINT NOT NULL DEFAULT 30,
    discussion_min BIGINT NOT NULL DEFAULT 1,
    discussion_max BIGINT NOT NULL DEFAULT 60,
    shared_space_days BIGINT NOT NULL DEFAULT 30,
    public BOOLEAN NOT NULL DEFAULT 0,
    pause_from BIGINT,
    pause_until BIGINT,
    pause_reason TEXT NOT NULL DEFAULT '',
    updated_at BIGINT NOT NULL
);

CREATE TABLE group_health_marks (
    group_id BIGINT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL CHECK (indicator IN ('follow_up', 'meetings', 'information', 'discussion', 'shared_space')),
    reason TEXT NOT NULL,
    marked_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, indicator)
);

CREATE TRIGGER activity_health AFTER INSERT ON activity
BEGIN
    INSERT INTO group_health_facts (group_id) VALUES (NEW.group_id) ON CONFLICT (group_id) DO NOTHING;
    UPDATE group_health_facts SET
        last_follow_up = CASE WHEN NEW.kind IN ('project_news', 'follow_up_reviewed')
            THEN MAX(COALESCE(last_follow_up, NEW.at), NEW.at) ELSE last_follow_up END,
        last_meeting = CASE WHEN NEW.kind = 'meeting_held'
            THEN MAX(COALESCE(last_meeting, NEW.at), NEW.at) ELSE last_meeting END,
        last_information = CASE WHEN NEW.kind IN ('news_posted', 'newsletter_sent')
            THEN MAX(COALESCE(last_information, NEW.at), NEW.at) ELSE last_information END,
        last_shared_space = CASE WHEN NEW.kind IN ('page_saved', 'page_restored', 'file_attached', 'resource_added')
            THEN MAX(COALESCE(last_shared_space, NEW.at), NEW.at) ELSE last_shared_space END
    WHERE group_id = NEW.group_id;
    INSERT INTO group_activity_weeks (group_id, week, messages, leaving)
        SELECT NEW.group_id, NEW.at / 604800,
               CASE WHEN NEW.kind IN ('topic_opened', 'post_written') THEN 1 ELSE 0 END,
               CASE WHEN NEW.kind = 'member_left' THEN 1 ELSE 0 END
        WHERE NEW.kind IN ('topic_opened', 'post_written', 'member_left')
        ON CONFLICT (group_id, week) DO UPDATE SET messages = messages + excluded.messages,
            leaving = leaving + excluded.leaving;
END;

-- What the log already holds.
INSERT INTO group_health_facts (group_id, last_follow_up, last_meeting, last_information, last_shared_space)
SELECT group_id,
       MAX(CASE WHEN kind IN ('project_news', 'follow_up_reviewed') THEN at END),
       MAX(CASE WHEN kind = 'meeting_held' THEN at END),
       MAX(CASE WHEN kind IN ('news_posted', 'newsletter_sent') THEN at END),
       MAX(CASE WHEN kind IN ('page_saved', 'page_restored', 'file_attached', 'resource_added') THEN at END)
FROM activity GROUP BY group_id;

INSERT INTO group_activity_weeks (group_id, week, messages, leaving)
SELECT group_id, at / 604800,
       SUM(CASE WHEN kind IN ('topic_opened', 'post_written') THEN 1 ELSE 0 END),
       SUM(CASE WHEN kind = 'member_left' THEN 1 ELSE 0 END)
FROM activity WHERE kind IN ('topic_opened', 'post_written', 'member_left')
GROUP BY group_id, at / 604800;
