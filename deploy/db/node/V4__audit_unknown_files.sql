-- A request for a file this node does not have is audited too: who probed for which id. Such a row has no
-- file_id; requested_id holds the accession id the client asked for (the same 403 as for a file that exists
-- and is not permitted is what the client sees).
ALTER TABLE download_audit ALTER COLUMN file_id DROP NOT NULL;
ALTER TABLE download_audit ADD COLUMN requested_id TEXT;
ALTER TABLE download_audit ADD CONSTRAINT download_audit_names_a_file CHECK (file_id IS NOT NULL OR requested_id IS NOT NULL);
