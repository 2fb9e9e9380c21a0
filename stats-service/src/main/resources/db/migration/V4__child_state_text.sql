-- A child's events and contribution are only ever read and written whole, by the service. Kept as the JSON text
-- the service writes, PostgreSQL no longer parses them into jsonb on every write and renders them back on every
-- read: that was a large share of the database's CPU in the national benchmark (README › Performance).
ALTER TABLE child_state
    ALTER COLUMN events TYPE text USING events::text,
    ALTER COLUMN contribution TYPE text USING contribution::text;
