-- The hub drives ingestion: accession ids for files and datasets, what the nodes report back, and the
-- datasets made of archived files.

-- Per-user "ingest on upload": NULL follows the hub's lega.hub.ingest-on-upload, TRUE and FALSE
-- override it. V1 made the column NOT NULL DEFAULT FALSE but nothing wrote it, so FALSE there meant
-- "not set".
ALTER TABLE users ALTER COLUMN ingest_on_upload DROP NOT NULL;
ALTER TABLE users ALTER COLUMN ingest_on_upload DROP DEFAULT;
UPDATE users SET ingest_on_upload = NULL WHERE ingest_on_upload = FALSE;

-- Accession numbers. A sequence never hands out a number twice, not even when the transaction that
-- took it rolls back (that number is skipped), and is never reset: accession ids are never reused.
-- 11 digits: EGAF00000000001 ... EGAF99999999999; NO CYCLE makes running out an error, not a wrap.
CREATE SEQUENCE file_accession_numbers AS BIGINT
    MINVALUE 1 MAXVALUE 99999999999 START WITH 1 NO CYCLE;
CREATE SEQUENCE dataset_accession_numbers AS BIGINT
    MINVALUE 1 MAXVALUE 99999999999 START WITH 1 NO CYCLE;

-- Submissions: accession_id (unique since V1) is issued once, on the first files.verified, and never
-- changes; error_reason is the last files.error's reason; completed_at is when files.completed was
-- first recorded (it tells a refused cancel from a failed ingestion). The decrypted checksums go in
-- submission_checksums with source = 'decrypted'.
ALTER TABLE submissions ADD COLUMN completed_at TIMESTAMPTZ;
ALTER TABLE submissions
    ADD CONSTRAINT submissions_accession_id CHECK (accession_id ~ '^EGAF[0-9]{11}$');
CREATE INDEX submissions_by_state ON submissions (state, created_at);

-- Datasets: a set of archived files (by accession id), mapped, then released, then deprecated.
CREATE TABLE datasets (
    dataset_id      TEXT PRIMARY KEY CHECK (dataset_id ~ '^EGAD[0-9]{11}$'),
    state           TEXT        NOT NULL CHECK (state IN ('mapped', 'released', 'deprecated')),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX datasets_by_state ON datasets (state, created_at);

CREATE TABLE dataset_files (
    dataset_id      TEXT        NOT NULL REFERENCES datasets (dataset_id) ON DELETE CASCADE,
    accession_id    TEXT        NOT NULL REFERENCES submissions (accession_id),
    position        INTEGER     NOT NULL,                 -- the order of the mapping's accession_ids
    PRIMARY KEY (dataset_id, accession_id),
    UNIQUE (dataset_id, position)
);
CREATE INDEX dataset_files_by_accession ON dataset_files (accession_id);
