-- The background job queue (`app/src/jobs`). Times are Unix milliseconds: the queue compares
-- them in SQL, and integers compare alike on both engines (RFC 3339 text would not, to the
-- fraction of a second).
CREATE TABLE jobs (
    id           BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    kind         TEXT NOT NULL,
    -- JSON, as the job's handler reads it.
    payload      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
    -- Claims so far, the current one included; the job is dead once a failure uses the last.
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL CHECK (max_attempts > 0),
    -- When a queued job may run (its first run, or its next try after a failure).
    run_at       INTEGER NOT NULL,
    -- A running job belongs to whoever holds its lease until `lease_until`; after that any
    -- worker may claim it again (its worker stopped without saying how it ended).
    lease_id     BLOB,
    lease_until  INTEGER,
    last_error   TEXT,
    -- At most one job per key (a schedule's slot, one message per purpose…).
    unique_key   TEXT UNIQUE,
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER
) STRICT;

CREATE INDEX jobs_queued ON jobs (state, run_at);
CREATE INDEX jobs_leased ON jobs (state, lease_until);
