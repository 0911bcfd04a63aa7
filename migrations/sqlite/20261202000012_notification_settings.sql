-- How each person wants to be told besides the list on /notifications: by e-mail too, if they
-- asked for it (off until they do). A person without a row gets no letters.
CREATE TABLE notification_settings (
    user_id    BLOB PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    by_email   INTEGER NOT NULL CHECK (by_email IN (0, 1)),
    updated_at TEXT NOT NULL
) STRICT;
