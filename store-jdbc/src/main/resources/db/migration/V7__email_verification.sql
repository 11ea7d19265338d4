-- Email addresses people have proved to be theirs, and the single-use links mailed to prove it.

-- A row says: this person opened a link mailed to this address. It counts only while the address
-- is still the person's (users.email); an address change writes the new one here in the same
-- transaction. People who existed before this migration start unverified, except the
-- administrator made at first start, whose address (admin@localhost) can receive no mail.
CREATE TABLE verified_addresses (
    user_id         VARCHAR(32)  PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    email           VARCHAR(300) NOT NULL,
    verify_time_ms  BIGINT       NOT NULL
);

INSERT INTO verified_addresses (user_id, email, verify_time_ms)
    SELECT user_id, email, create_time_ms FROM users WHERE email = 'admin@localhost';

-- Mailed links (verify an address, reset a password, confirm a new address). Only the SHA-256
-- of the link's token is kept, so a copy of this table opens no link. A row is deleted when used.
CREATE TABLE email_tokens (
    token_hash      VARCHAR(64)  PRIMARY KEY,
    purpose         VARCHAR(20)  NOT NULL,
    user_id         VARCHAR(32)  NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    email           VARCHAR(300) NOT NULL,
    create_time_ms  BIGINT       NOT NULL,
    expire_time_ms  BIGINT       NOT NULL
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);
CREATE INDEX email_tokens_expiry ON email_tokens (expire_time_ms);
