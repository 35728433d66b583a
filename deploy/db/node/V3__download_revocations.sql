-- Revocations of access the hub sent (permission.deleted), which the download service honours at once,
-- without waiting for the researcher's Passport to expire; and every range of a download in its audit row.

-- One row per (user, dataset) whose grant was revoked and not granted again since. The user is the hub's
-- username, which is the `sub` of the Passports the hub issues. The dataset is its stable id (EGAD...), not a
-- reference to datasets: a revocation may arrive for a dataset this node has not mapped yet.
-- A later `permission` message for the same pair deletes the row (the grant is live again). A Passport's visa
-- asserted after revoked_at stands for a newer grant and is honoured even before that `permission` arrives.
CREATE TABLE download_revocations (
    username        TEXT        NOT NULL,
    dataset_id      TEXT        NOT NULL,
    revoked_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    message         JSONB,
    PRIMARY KEY (username, dataset_id)
);

-- Every plaintext range of the request ("0-65535,131072-"), end excluded; range_start/range_end keep the first.
ALTER TABLE download_audit ADD COLUMN ranges TEXT;
