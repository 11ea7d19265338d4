-- ID-token signing keys are sealed (AES-256-GCM) under the node's master key. Rows written before
-- this version hold plaintext (sealed = FALSE) until the next start seals them.
ALTER TABLE signing_keys ADD COLUMN sealed BOOLEAN DEFAULT FALSE NOT NULL;

-- One row: a known value sealed under the master key, so that a node started with another key is
-- refused at once, even before any signing key exists.
CREATE TABLE master_key_check (
    id            INT          PRIMARY KEY,
    sealed_value  VARCHAR(200) NOT NULL
);
