-- Per-child state: the child's deduplicated events and the contribution last applied to the cubes.
CREATE TABLE child_state (
    la            text   NOT NULL,
    child_id      text   NOT NULL,
    events        jsonb  NOT NULL,
    contribution  jsonb  NOT NULL,
    PRIMARY KEY (la, child_id)
);

-- Rolling aggregates: one row per non-zero cell of a cube (la × measure × fy).
CREATE TABLE cube_cell (
    la       text    NOT NULL,
    measure  text    NOT NULL,
    fy       text    NOT NULL,
    cell     text    NOT NULL,
    value    bigint  NOT NULL,
    PRIMARY KEY (la, measure, fy, cell)
);

-- Outbox: a cube whose cells changed since it was last published (version increases with every change).
CREATE TABLE cube_version (
    la         text        NOT NULL,
    measure    text        NOT NULL,
    fy         text        NOT NULL,
    version    bigint      NOT NULL,
    published  bigint      NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (la, measure, fy)
);
CREATE INDEX cube_version_unpublished ON cube_version (la) WHERE version > published;

-- Consumer position, committed in the same transaction as the counts it produced.
CREATE TABLE consumer_offset (
    topic       text    NOT NULL,
    partition   int     NOT NULL,
    next_offset bigint  NOT NULL,
    PRIMARY KEY (topic, partition)
);

-- The year in progress the contributions were computed for; when it changes every child is recomputed.
CREATE TABLE counting_state (
    id            int  PRIMARY KEY CHECK (id = 1),
    current_fy    text NOT NULL
);
