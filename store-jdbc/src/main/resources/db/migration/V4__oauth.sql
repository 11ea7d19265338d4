-- OAuth 2.0 for people: clients, consent, grants, codes, refresh tokens, ID-token keys, devices.

ALTER TABLE access_tokens ADD COLUMN source VARCHAR(100);
CREATE INDEX access_tokens_source ON access_tokens (source);
CREATE INDEX access_tokens_client ON access_tokens (client_id);

CREATE TABLE oauth_clients (
    client_id           VARCHAR(128)   PRIMARY KEY,
    project_id          VARCHAR(30)    NOT NULL REFERENCES projects (project_id) ON DELETE CASCADE,
    client_type         VARCHAR(10)    NOT NULL,
    display_name        VARCHAR(200)   NOT NULL,
    redirect_uris       VARCHAR(250000) NOT NULL,
    javascript_origins  VARCHAR(250000) NOT NULL,
    create_time_ms      BIGINT         NOT NULL
);
CREATE INDEX oauth_clients_project ON oauth_clients (project_id);

CREATE TABLE oauth_client_secrets (
    secret_id       VARCHAR(32)  PRIMARY KEY,
    client_id       VARCHAR(128) NOT NULL REFERENCES oauth_clients (client_id) ON DELETE CASCADE,
    secret_hash     VARCHAR(64)  NOT NULL,
    create_time_ms  BIGINT       NOT NULL
);
CREATE INDEX oauth_client_secrets_client ON oauth_client_secrets (client_id);

CREATE TABLE consent_screens (
    project_id        VARCHAR(30)   PRIMARY KEY REFERENCES projects (project_id) ON DELETE CASCADE,
    application_name  VARCHAR(200)  NOT NULL,
    support_email     VARCHAR(300),
    homepage          VARCHAR(2000)
);

CREATE TABLE grants (
    user_id            VARCHAR(32)   NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    client_id          VARCHAR(128)  NOT NULL REFERENCES oauth_clients (client_id) ON DELETE CASCADE,
    scopes             VARCHAR(4000) NOT NULL,
    create_time_ms     BIGINT        NOT NULL,
    last_used_time_ms  BIGINT,
    PRIMARY KEY (user_id, client_id)
);

CREATE TABLE authorization_codes (
    code_hash        VARCHAR(64)   PRIMARY KEY,
    client_id        VARCHAR(128)  NOT NULL,
    user_id          VARCHAR(32)   NOT NULL,
    email            VARCHAR(300)  NOT NULL,
    redirect_uri     VARCHAR(2000) NOT NULL,
    code_challenge   VARCHAR(64),
    scopes           VARCHAR(4000) NOT NULL,
    nonce            VARCHAR(512),
    auth_time_ms     BIGINT        NOT NULL,
    offline          BOOLEAN       NOT NULL,
    expire_time_ms   BIGINT        NOT NULL,
    used             BOOLEAN       NOT NULL
);

CREATE TABLE refresh_tokens (
    token_hash         VARCHAR(64)   PRIMARY KEY,
    family_id          VARCHAR(64)   NOT NULL,
    user_id            VARCHAR(32)   NOT NULL,
    email              VARCHAR(300)  NOT NULL,
    client_id          VARCHAR(128)  NOT NULL,
    project_id         VARCHAR(30)   NOT NULL,
    scopes             VARCHAR(4000) NOT NULL,
    create_time_ms     BIGINT        NOT NULL,
    last_used_time_ms  BIGINT        NOT NULL,
    revoked            BOOLEAN       NOT NULL,
    rotated            BOOLEAN       NOT NULL,
    nonce              VARCHAR(512),
    auth_time_ms       BIGINT        NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_client ON refresh_tokens (user_id, client_id);
CREATE INDEX refresh_tokens_client ON refresh_tokens (client_id);

CREATE TABLE signing_keys (
    kid             VARCHAR(64)   PRIMARY KEY,
    private_key     VARCHAR(4000) NOT NULL,
    public_key      VARCHAR(2000) NOT NULL,
    create_time_ms  BIGINT        NOT NULL,
    retire_time_ms  BIGINT
);

CREATE TABLE device_authorizations (
    device_code_hash  VARCHAR(64)   PRIMARY KEY,
    user_code         VARCHAR(16)   NOT NULL UNIQUE,
    client_id         VARCHAR(128)  NOT NULL,
    scopes            VARCHAR(4000) NOT NULL,
    expire_time_ms    BIGINT        NOT NULL,
    interval_seconds  INT           NOT NULL,
    status            VARCHAR(10)   NOT NULL,
    user_id           VARCHAR(32),
    email             VARCHAR(300),
    auth_time_ms      BIGINT,
    last_poll_time_ms BIGINT
);
