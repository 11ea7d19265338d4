-- Browsers that people have signed in from (the device cookie). The cookie's value lives only in
-- the browser; this table keeps its SHA-256 hash (base64url, 43 characters) per account, so a copy
-- of it lets no one pass for a known browser. A known browser is exempt from the per-account
-- sign-in ceiling; it never signs anyone in without the password.
CREATE TABLE known_devices (
    device_hash     VARCHAR(64) NOT NULL,
    user_id         VARCHAR(32) NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    create_time_ms  BIGINT      NOT NULL,
    last_used_ms    BIGINT      NOT NULL,
    PRIMARY KEY (device_hash, user_id)
);
CREATE INDEX known_devices_user ON known_devices (user_id);
CREATE INDEX known_devices_last_used ON known_devices (last_used_ms);
