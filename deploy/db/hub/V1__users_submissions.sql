-- The hub's database: its user directory and what each user submitted to the nodes.

CREATE TABLE users (
    id              BIGSERIAL PRIMARY KEY,
    username        TEXT        NOT NULL UNIQUE CHECK (username ~ '^[a-z_][a-z0-9._-]{0,63}$'),
    email           TEXT        NOT NULL,
    password_hash   TEXT,                                 -- bcrypt ($2a$/$2b$/$2y$), never the password
    roles           TEXT[]      NOT NULL DEFAULT '{}',
    enabled         BOOLEAN     NOT NULL DEFAULT TRUE,
    ingest_on_upload BOOLEAN    NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT users_roles CHECK (roles <@ ARRAY['submitter', 'researcher', 'dac', 'admin']::TEXT[])
);

CREATE TABLE user_ssh_keys (
    id              BIGSERIAL PRIMARY KEY,
    user_id         BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key_type        TEXT        NOT NULL,                 -- ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256, ...
    public_key      TEXT        NOT NULL,                 -- the OpenSSH authorized_keys line
    fingerprint     TEXT        NOT NULL,                 -- SHA256:... as ssh-keygen -l prints it
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, fingerprint)
);

-- One row per file a node reported (files.inbox), keyed by the file's correlation id.
CREATE TABLE submissions (
    id              UUID PRIMARY KEY,                     -- the correlation id made by the node's inbox
    username        TEXT        NOT NULL,
    filepath        TEXT        NOT NULL,
    filesize        BIGINT,
    file_last_modified TIMESTAMPTZ,
    state           TEXT        NOT NULL CHECK (state IN
                        ('uploaded', 'removed', 'ingesting', 'verified', 'archived', 'error', 'cancelled')),
    error_reason    TEXT,
    accession_id    TEXT UNIQUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX submissions_by_user ON submissions (username, filepath);

CREATE TABLE submission_checksums (
    submission_id   UUID        NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    source          TEXT        NOT NULL CHECK (source IN ('encrypted', 'decrypted')),
    type            TEXT        NOT NULL CHECK (type IN ('sha256', 'md5')),
    value           TEXT        NOT NULL,
    PRIMARY KEY (submission_id, source, type)
);
