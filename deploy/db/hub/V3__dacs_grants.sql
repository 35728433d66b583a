-- Data access committees decide who may read a dataset: researchers ask, a member of the dataset's
-- DAC approves, rejects or later revokes, and every step is kept with who took it and when. Live
-- grants become ControlledAccessGrants visas in the Passports the hub signs.

-- DAC accession numbers, as for files and datasets: never handed out twice, never reset.
CREATE SEQUENCE dac_accession_numbers AS BIGINT
    MINVALUE 1 MAXVALUE 99999999999 START WITH 1 NO CYCLE;

CREATE TABLE dacs (
    dac_id          TEXT PRIMARY KEY CHECK (dac_id ~ '^EGAC[0-9]{11}$'),
    title           TEXT        NOT NULL CHECK (length(title) BETWEEN 1 AND 512),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Members are users with the dac role (the API checks the role when a member is added).
CREATE TABLE dac_members (
    dac_id          TEXT        NOT NULL REFERENCES dacs (dac_id),
    username        TEXT        NOT NULL REFERENCES users (username),
    added_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (dac_id, username)
);
CREATE INDEX dac_members_by_user ON dac_members (username);

-- The DAC responsible for a dataset. Datasets made before this migration have none: nobody can
-- decide on access to them until the admin names one.
ALTER TABLE datasets ADD COLUMN dac_id TEXT REFERENCES dacs (dac_id);
CREATE INDEX datasets_by_dac ON datasets (dac_id);

-- A researcher's request for a dataset, and where its decision stands: pending, then approved or
-- rejected; approved, then revoked. An approved request is a grant, live until expires_at (none:
-- until revoked). The DAC deciding is always the dataset's current one (datasets.dac_id). Users are
-- named by username: names are never reused and users never deleted.
CREATE TABLE access_requests (
    id              UUID PRIMARY KEY,
    dataset_id      TEXT        NOT NULL REFERENCES datasets (dataset_id),
    username        TEXT        NOT NULL REFERENCES users (username),
    justification   TEXT        NOT NULL CHECK (length(justification) BETWEEN 1 AND 10000),
    state           TEXT        NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'revoked')),
    expires_at      TIMESTAMPTZ,
    granted_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((state IN ('approved', 'revoked')) = (granted_at IS NOT NULL))
);
-- At most one pending request per researcher and dataset.
CREATE UNIQUE INDEX access_requests_one_pending ON access_requests (dataset_id, username)
    WHERE state = 'pending';
CREATE INDEX access_requests_by_dataset ON access_requests (dataset_id, created_at);
CREATE INDEX access_requests_by_user ON access_requests (username, state);

-- Every decision on a request, in order: who (a DAC member) and when, with the reason or expiry.
CREATE TABLE access_decisions (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id      UUID        NOT NULL REFERENCES access_requests (id),
    decision        TEXT        NOT NULL CHECK (decision IN ('approved', 'rejected', 'revoked')),
    decided_by      TEXT        NOT NULL REFERENCES users (username),
    decided_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    reason          TEXT        CHECK (length(reason) <= 10000),
    expires_at      TIMESTAMPTZ
);
CREATE INDEX access_decisions_by_request ON access_decisions (request_id, decided_at);
