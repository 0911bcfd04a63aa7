-- Where each login happens, so a person can tell their sessions apart and end one: the
-- browser's User-Agent and the client's IP address as of the token's issue, and when the login
-- began (each token of a family carries it on, as the first may be purged before the last).
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN ip TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN started_at TIMESTAMPTZ;
