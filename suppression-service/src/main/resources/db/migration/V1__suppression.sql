-- The latest version of every cube received from the stats service (the compacted topic, materialised).
CREATE TABLE cube (
    la       text    NOT NULL,
    measure  text    NOT NULL,
    fy       text    NOT NULL,
    version  bigint  NOT NULL,
    partial  boolean NOT NULL,
    cells    jsonb   NOT NULL,
    PRIMARY KEY (la, measure, fy)
);

-- Releases: frozen, protected as a whole, immutable, numbered from 1 per LA.
CREATE TABLE release (
    la          text        NOT NULL,
    number      int         NOT NULL,
    id          text        NOT NULL UNIQUE,
    cutoff      timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    policy      jsonb       NOT NULL,
    PRIMARY KEY (la, number)
);

-- The protected tables of a release as published (JSON), and the audit; never raw counts.
CREATE TABLE release_table (
    release_id  text  NOT NULL REFERENCES release (id),
    table_id    text  NOT NULL,
    position    int   NOT NULL,
    body        jsonb NOT NULL,
    PRIMARY KEY (release_id, table_id)
);

CREATE TABLE release_audit (
    release_id  text  PRIMARY KEY REFERENCES release (id),
    body        jsonb NOT NULL
);
