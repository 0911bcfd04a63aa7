-- How each person wants to be told besides the list on /notifications: by e-mail too, if they
-- asked for it (off until they do). A person without a row gets no letters.
CREATE TABLE notification_settings (
    user_id    UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    by_email   BOOLEAN NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
