-- The background job queue (`app/src/jobs`). Times are Unix milliseconds: the queue compares
-- them in SQL, and integers compare alike on both engines.
CREATE TABLE jobs (
    id           UUID PRIMARY KEY,
    kind         TEXT NOT NULL,
    -- JSON, as the job's handler reads it.
    payload      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
    -- Claims so far, the current one included; the job is dead once a failure uses the last.
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL CHECK (max_attempts > 0),
    -- When a queued job may run (its first run, or its next try after a failure).
    run_at       BIGINT NOT NULL,
    -- A running job belongs to whoever holds its lease until `lease_until`; after that any
    -- worker may claim it again (its worker stopped without saying how it ended).
    lease_id     UUID,
    lease_until  BIGINT,
    last_error   TEXT,
    -- At most one job per key (a schedule's slot, one message per purpose…).
    unique_key   TEXT UNIQUE,
    created_at   BIGINT NOT NULL,
    finished_at  BIGINT
);

CREATE INDEX jobs_queued ON jobs (state, run_at);
CREATE INDEX jobs_leased ON jobs (state, lease_until);
