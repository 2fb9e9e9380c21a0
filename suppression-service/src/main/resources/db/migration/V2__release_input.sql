-- The frozen cubes each release was protected from. Raw counts: never served by any endpoint. The next release
-- needs them to model what changed since (e.g. a year then in progress), so that the two releases read together
-- cannot pin a small count.
CREATE TABLE release_input (
    release_id  text  PRIMARY KEY REFERENCES release (id),
    cubes       jsonb NOT NULL
);
