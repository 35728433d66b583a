-- The node's database: one row per submitted file, its append-only event log, and its checksums.
-- Services only validate this schema (Hibernate never changes it); every change is a new migration.

CREATE TABLE files (
    id                   UUID PRIMARY KEY,                -- the file's correlation id, made by the inbox
    submission_user      TEXT        NOT NULL,
    inbox_path           TEXT        NOT NULL,            -- relative to the user's inbox folder
    inbox_size           BIGINT      CHECK (inbox_size >= 0),
    inbox_last_modified  TIMESTAMPTZ,
    header               BYTEA,                           -- archived Crypt4GH header (for the archive key)
    data_key_sha256      TEXT,                            -- SHA-256 of the data key: a file submitted twice
    archive_location     TEXT,                            -- object name of the body in archive storage
    archive_size         BIGINT      CHECK (archive_size >= 0),
    decrypted_size       BIGINT      CHECK (decrypted_size >= 0),
    backup_location      TEXT,
    accession_id         TEXT UNIQUE,                     -- EGAF + 11 digits, given by the hub
    state                TEXT        NOT NULL DEFAULT 'registered',
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT files_state CHECK (state IN
        ('registered', 'uploaded', 'submitted', 'archived', 'verified', 'ready', 'disabled', 'error'))
);

-- One live file per inbox path: a path whose file ended in error, was disabled, or is ready (finalized, its
-- inbox copy cleaned up) can be used again.
CREATE UNIQUE INDEX files_live_inbox_path ON files (submission_user, inbox_path)
    WHERE state NOT IN ('disabled', 'error', 'ready');
-- One live file per data key: the same encrypted file submitted again is a duplicate, unless the earlier
-- submission ended in error or was disabled (cancelled), so that it can be submitted again.
CREATE UNIQUE INDEX files_live_data_key ON files (data_key_sha256)
    WHERE state NOT IN ('disabled', 'error');
CREATE INDEX files_by_user ON files (submission_user, created_at);

-- Append-only: rows are inserted, never updated or deleted.
CREATE TABLE file_events (
    id              BIGSERIAL PRIMARY KEY,
    file_id         UUID        NOT NULL REFERENCES files (id),
    event           TEXT        NOT NULL,
    actor           TEXT        NOT NULL,                 -- service or user that caused it
    reason          TEXT,                                 -- for 'error' and 'disabled': why
    message         JSONB,                                -- the message that caused it, if any
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT file_events_event CHECK (event IN
        ('registered', 'uploaded', 'submitted', 'archived', 'verified', 'ready', 'disabled', 'error'))
);
CREATE INDEX file_events_by_file ON file_events (file_id, id);

CREATE TABLE checksums (
    file_id         UUID        NOT NULL REFERENCES files (id),
    source          TEXT        NOT NULL CHECK (source IN ('uploaded', 'archived', 'decrypted')),
    type            TEXT        NOT NULL CHECK (type IN ('sha256', 'md5')),
    value           TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (file_id, source, type),
    CONSTRAINT checksums_value CHECK (
        (type = 'sha256' AND value ~ '^[0-9a-f]{64}$') OR (type = 'md5' AND value ~ '^[0-9a-f]{32}$'))
);

-- The node's Crypt4GH keys, by public key (the private halves live in key files, never here).
CREATE TABLE crypt4gh_keys (
    public_key_hex  TEXT PRIMARY KEY CHECK (public_key_hex ~ '^[0-9a-f]{64}$'),
    purpose         TEXT        NOT NULL CHECK (purpose IN ('submission', 'archive')),
    description     TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    deprecated_at   TIMESTAMPTZ
);
