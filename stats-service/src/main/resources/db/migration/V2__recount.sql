-- Progress of the recount of every child against a new year in progress (one row). While fy is set and
-- finished_at is null a recount is under way: children up to and including (after_la, after_child) are done.
-- Each page of children commits together with its cube deltas and this cursor, so a crash resumes after the
-- last page committed.
CREATE TABLE recount (
    id           int         PRIMARY KEY CHECK (id = 1),
    fy           text,
    after_la     text,
    after_child  text,
    children     bigint      NOT NULL DEFAULT 0,
    started_at   timestamptz,
    finished_at  timestamptz
);
INSERT INTO recount (id) VALUES (1);
