-- Accounts an admin has disabled: their owner cannot log in, and their sessions ended when
-- they were disabled. NULL for an account in use.
ALTER TABLE users ADD COLUMN disabled_at TEXT;
CREATE INDEX users_role ON users (role, disabled_at);
