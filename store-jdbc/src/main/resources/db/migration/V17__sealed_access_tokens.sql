-- Access tokens now carry their own record, sealed (AES-256-GCM) under a key derived from the master key:
-- nothing is stored per token. Tokens minted by an earlier version stop working; clients get
-- 401 and mint or refresh a new one, as they do when any access token ends.
DROP TABLE access_tokens;

-- What is stored instead: each revocation, as a rule. It ends the tokens matching MATCH_SCOPE and MATCH_VALUE
-- (a token id, subject, client, project, "subject client" pair, or source) issued at or before
-- CUTOFF_US (microseconds since the epoch), and can go once UNTIL_MS has passed, when every token it
-- could match has expired.
CREATE TABLE access_token_revocations (
    match_scope VARCHAR(30)  NOT NULL,
    match_value VARCHAR(400) NOT NULL,
    cutoff_us   BIGINT       NOT NULL,
    until_ms    BIGINT       NOT NULL
);
CREATE INDEX access_token_revocations_until ON access_token_revocations (until_ms);
