-- The audit log: an append-only record of security events (who did what to whom, from where,
-- when, in which request).
--
-- People appear only by their account's id, never by name or address: when an account is
-- deleted its row goes, and its id in these entries names nobody any more (a pseudonym), so
-- the entries themselves never change. Nothing may update an entry (the trigger below refuses
-- it); only the retention job deletes entries, once they are older than the configured age.
-- No foreign keys, for the same reason.
CREATE TABLE audit_events (
    id           BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    occurred_at  TEXT NOT NULL,
    action       TEXT NOT NULL,
    actor_id     BLOB CHECK (actor_id IS NULL OR length(actor_id) = 16),
    subject_id   BLOB CHECK (subject_id IS NULL OR length(subject_id) = 16),
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT '',
    request_id   TEXT NOT NULL DEFAULT '',
    details      TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE INDEX audit_events_time ON audit_events (occurred_at);
CREATE INDEX audit_events_subject ON audit_events (subject_id, occurred_at);
CREATE INDEX audit_events_actor ON audit_events (actor_id, occurred_at);
CREATE INDEX audit_events_action ON audit_events (action, occurred_at);

CREATE TRIGGER audit_events_append_only BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
