-- People's browser sessions. The session id lives only in the browser's cookie; the database keeps
-- its SHA-256 hash (base64url, 43 characters), so a copy of this table signs no one in.
CREATE TABLE sessions (
    session_hash    VARCHAR(64) PRIMARY KEY,
    user_id         VARCHAR(32) NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    create_time_ms  BIGINT      NOT NULL,
    last_seen_ms    BIGINT      NOT NULL,
    -- when the password was last entered in this session (OIDC auth_time)
    auth_time_ms    BIGINT      NOT NULL,
    -- the absolute end; the idle end is last_seen_ms plus the idle limit, which the server knows
    expire_time_ms  BIGINT      NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expire_time_ms);
CREATE INDEX sessions_last_seen ON sessions (last_seen_ms);
