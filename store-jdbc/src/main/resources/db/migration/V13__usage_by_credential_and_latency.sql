-- Issue 11: the ledger keeps which credential called, and how long calls took.
--
-- Each row gains the credential (credential_kind: KEY, CLIENT or SERVICE_ACCOUNT, the names of
-- CredentialKind; credential_id: the key id, the OAuth client id or the service account's address)
-- as part of its key, so a row counts one credential's calls of one method and status in a minute or
-- a day. Queries by service, method and status add the credentials' rows up, so they answer as before.
-- Rows from before this migration keep their counts under credential_kind = '' and credential_id = ''
-- ("unrecorded"). An id of more than 512 UTF-8 bytes is kept as 'sha256:' and its hash (UsageCredential),
-- so that a key row always fits PostgreSQL's index (about 2.7 kB).
--
-- latency_bNN counts the row's calls by latency in 20 fixed buckets (LatencyHistogram): b00 below
-- 250 us, bNN (01 to 18) in [250 * 2^(NN-1), 250 * 2^NN) us, i.e. 0.25-0.5 ms, 0.5-1 ms, 1-2 ms ...
-- 32.768-65.536 s, and b19 from 65.536 s on. The bounds are fixed for good: rows of any age add up
-- bucket by bucket. Rows from before this migration have no spread (every bucket 0).
--
-- A primary key cannot be changed in the same words on H2 and PostgreSQL (H2 names it itself), so
-- both tables are rebuilt and their rows copied; RENAME and the named key work on both.

CREATE TABLE usage_minutes_v13 (
    project_id          VARCHAR(64)   NOT NULL,
    api                 VARCHAR(64)   NOT NULL,
    method              VARCHAR(256)  NOT NULL,
    status              INTEGER       NOT NULL,
    credential_kind     VARCHAR(20)   NOT NULL,
    credential_id       VARCHAR(512)  NOT NULL,
    minute_start_ms     BIGINT        NOT NULL,
    calls               BIGINT        NOT NULL,
    bytes_in            BIGINT        NOT NULL,
    bytes_out           BIGINT        NOT NULL,
    latency_micros_sum  BIGINT        NOT NULL,
    latency_b00         BIGINT        DEFAULT 0 NOT NULL,
    latency_b01         BIGINT        DEFAULT 0 NOT NULL,
    latency_b02         BIGINT        DEFAULT 0 NOT NULL,
    latency_b03         BIGINT        DEFAULT 0 NOT NULL,
    latency_b04         BIGINT        DEFAULT 0 NOT NULL,
    latency_b05         BIGINT        DEFAULT 0 NOT NULL,
    latency_b06         BIGINT        DEFAULT 0 NOT NULL,
    latency_b07         BIGINT        DEFAULT 0 NOT NULL,
    latency_b08         BIGINT        DEFAULT 0 NOT NULL,
    latency_b09         BIGINT        DEFAULT 0 NOT NULL,
    latency_b10         BIGINT        DEFAULT 0 NOT NULL,
    latency_b11         BIGINT        DEFAULT 0 NOT NULL,
    latency_b12         BIGINT        DEFAULT 0 NOT NULL,
    latency_b13         BIGINT        DEFAULT 0 NOT NULL,
    latency_b14         BIGINT        DEFAULT 0 NOT NULL,
    latency_b15         BIGINT        DEFAULT 0 NOT NULL,
    latency_b16         BIGINT        DEFAULT 0 NOT NULL,
    latency_b17         BIGINT        DEFAULT 0 NOT NULL,
    latency_b18         BIGINT        DEFAULT 0 NOT NULL,
    latency_b19         BIGINT        DEFAULT 0 NOT NULL,
    CONSTRAINT usage_minutes_key PRIMARY KEY (project_id, minute_start_ms, api, method, status, credential_kind, credential_id)
);
INSERT INTO usage_minutes_v13 (project_id, api, method, status, credential_kind, credential_id, minute_start_ms,
                           calls, bytes_in, bytes_out, latency_micros_sum)
SELECT project_id, api, method, status, '', '', minute_start_ms, calls, bytes_in, bytes_out, latency_micros_sum FROM usage_minutes;
DROP TABLE usage_minutes;
ALTER TABLE usage_minutes_v13 RENAME TO usage_minutes;
CREATE INDEX usage_minutes_start ON usage_minutes (minute_start_ms);

CREATE TABLE usage_days_v13 (
    project_id          VARCHAR(64)   NOT NULL,
    api                 VARCHAR(64)   NOT NULL,
    method              VARCHAR(256)  NOT NULL,
    status              INTEGER       NOT NULL,
    credential_kind     VARCHAR(20)   NOT NULL,
    credential_id       VARCHAR(512)  NOT NULL,
    day_start_ms        BIGINT        NOT NULL,
    calls               BIGINT        NOT NULL,
    bytes_in            BIGINT        NOT NULL,
    bytes_out           BIGINT        NOT NULL,
    latency_micros_sum  BIGINT        NOT NULL,
    latency_b00         BIGINT        DEFAULT 0 NOT NULL,
    latency_b01         BIGINT        DEFAULT 0 NOT NULL,
    latency_b02         BIGINT        DEFAULT 0 NOT NULL,
    latency_b03         BIGINT        DEFAULT 0 NOT NULL,
    latency_b04         BIGINT        DEFAULT 0 NOT NULL,
    latency_b05         BIGINT        DEFAULT 0 NOT NULL,
    latency_b06         BIGINT        DEFAULT 0 NOT NULL,
    latency_b07         BIGINT        DEFAULT 0 NOT NULL,
    latency_b08         BIGINT        DEFAULT 0 NOT NULL,
    latency_b09         BIGINT        DEFAULT 0 NOT NULL,
    latency_b10         BIGINT        DEFAULT 0 NOT NULL,
    latency_b11         BIGINT        DEFAULT 0 NOT NULL,
    latency_b12         BIGINT        DEFAULT 0 NOT NULL,
    latency_b13         BIGINT        DEFAULT 0 NOT NULL,
    latency_b14         BIGINT        DEFAULT 0 NOT NULL,
    latency_b15         BIGINT        DEFAULT 0 NOT NULL,
    latency_b16         BIGINT        DEFAULT 0 NOT NULL,
    latency_b17         BIGINT        DEFAULT 0 NOT NULL,
    latency_b18         BIGINT        DEFAULT 0 NOT NULL,
    latency_b19         BIGINT        DEFAULT 0 NOT NULL,
    CONSTRAINT usage_days_key PRIMARY KEY (project_id, day_start_ms, api, method, status, credential_kind, credential_id)
);
INSERT INTO usage_days_v13 (project_id, api, method, status, credential_kind, credential_id, day_start_ms,
                           calls, bytes_in, bytes_out, latency_micros_sum)
SELECT project_id, api, method, status, '', '', day_start_ms, calls, bytes_in, bytes_out, latency_micros_sum FROM usage_days;
DROP TABLE usage_days;
ALTER TABLE usage_days_v13 RENAME TO usage_days;
