-- A person's picture: the key of the re-encoded image in file storage (`app::storage`), or
-- NULL for none. A new picture gets a new key, so its address can be cached for good.
ALTER TABLE users ADD COLUMN avatar_key TEXT;
