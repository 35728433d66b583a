-- Datasets the hub defines from accession ids, their event log, and the download audit trail.

CREATE TABLE datasets (
    id              BIGSERIAL PRIMARY KEY,
    stable_id       TEXT        NOT NULL UNIQUE,          -- EGAD + 11 digits
    state           TEXT        NOT NULL DEFAULT 'registered'
                    CHECK (state IN ('registered', 'released', 'deprecated')),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE dataset_files (
    dataset_id      BIGINT      NOT NULL REFERENCES datasets (id),
    file_id         UUID        NOT NULL REFERENCES files (id),
    PRIMARY KEY (dataset_id, file_id)
);
CREATE INDEX dataset_files_by_file ON dataset_files (file_id);

-- Append-only, like file_events.
CREATE TABLE dataset_events (
    id              BIGSERIAL PRIMARY KEY,
    dataset_id      BIGINT      NOT NULL REFERENCES datasets (id),
    event           TEXT        NOT NULL CHECK (event IN ('registered', 'mapped', 'released', 'deprecated')),
    message         JSONB,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX dataset_events_by_dataset ON dataset_events (dataset_id, id);

-- One row per download request: who read what, which range, how it ended.
CREATE TABLE download_audit (
    id              BIGSERIAL PRIMARY KEY,
    file_id         UUID        NOT NULL REFERENCES files (id),
    dataset_id      BIGINT      REFERENCES datasets (id),
    username        TEXT        NOT NULL,
    client_address  TEXT,
    range_start     BIGINT,
    range_end       BIGINT,
    bytes_sent      BIGINT      NOT NULL DEFAULT 0,
    outcome         TEXT        NOT NULL CHECK (outcome IN ('started', 'completed', 'failed', 'denied')),
    reason          TEXT,
    started_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ
);
CREATE INDEX download_audit_by_user ON download_audit (username, started_at);
