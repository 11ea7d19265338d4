-- Times are epoch milliseconds (BIGINT) so that H2 and PostgreSQL store and compare them alike.

CREATE TABLE projects (
    project_id      VARCHAR(30)  PRIMARY KEY,
    project_number  VARCHAR(20)  NOT NULL UNIQUE,
    display_name    VARCHAR(200) NOT NULL,
    create_time_ms  BIGINT       NOT NULL
);

CREATE TABLE project_services (
    project_id  VARCHAR(30) NOT NULL REFERENCES projects (project_id) ON DELETE CASCADE,
    service     VARCHAR(63) NOT NULL,
    PRIMARY KEY (project_id, service)
);

CREATE TABLE project_members (
    project_id  VARCHAR(30)  NOT NULL REFERENCES projects (project_id) ON DELETE CASCADE,
    member      VARCHAR(300) NOT NULL,
    role        VARCHAR(10)  NOT NULL,
    PRIMARY KEY (project_id, member)
);
CREATE INDEX project_members_member ON project_members (member);

CREATE TABLE platform_admins (
    member  VARCHAR(300) PRIMARY KEY
);

CREATE TABLE api_keys (
    key_id          VARCHAR(36)     PRIMARY KEY,
    project_id      VARCHAR(30)     NOT NULL REFERENCES projects (project_id) ON DELETE CASCADE,
    display_name    VARCHAR(200)    NOT NULL,
    restrictions    VARCHAR(200000) NOT NULL,
    key_hash        VARCHAR(64)     NOT NULL UNIQUE,
    create_time_ms  BIGINT          NOT NULL
);
CREATE INDEX api_keys_project ON api_keys (project_id);

CREATE TABLE service_accounts (
    email           VARCHAR(100) PRIMARY KEY,
    unique_id       VARCHAR(32)  NOT NULL UNIQUE,
    project_id      VARCHAR(30)  NOT NULL REFERENCES projects (project_id) ON DELETE CASCADE,
    display_name    VARCHAR(200) NOT NULL,
    disabled        BOOLEAN      NOT NULL,
    create_time_ms  BIGINT       NOT NULL
);
CREATE INDEX service_accounts_project ON service_accounts (project_id);

CREATE TABLE service_account_keys (
    key_id          VARCHAR(64)   PRIMARY KEY,
    email           VARCHAR(100)  NOT NULL REFERENCES service_accounts (email) ON DELETE CASCADE,
    public_key      VARCHAR(4000) NOT NULL,
    origin          VARCHAR(10)   NOT NULL,
    disabled        BOOLEAN       NOT NULL,
    create_time_ms  BIGINT        NOT NULL
);
CREATE INDEX service_account_keys_email ON service_account_keys (email);

CREATE TABLE access_tokens (
    token_hash      VARCHAR(64)   PRIMARY KEY,
    subject_kind    VARCHAR(20)   NOT NULL,
    subject_id      VARCHAR(64)   NOT NULL,
    email           VARCHAR(300)  NOT NULL,
    client_id       VARCHAR(128)  NOT NULL,
    project_id      VARCHAR(30)   NOT NULL REFERENCES projects (project_id) ON DELETE CASCADE,
    scopes          VARCHAR(4000) NOT NULL,
    issue_time_ms   BIGINT        NOT NULL,
    expire_time_ms  BIGINT        NOT NULL,
    revoked         BOOLEAN       NOT NULL
);
CREATE INDEX access_tokens_subject ON access_tokens (subject_id);
CREATE INDEX access_tokens_expiry ON access_tokens (expire_time_ms);

CREATE TABLE users (
    user_id         VARCHAR(32)  PRIMARY KEY,
    email           VARCHAR(300) NOT NULL UNIQUE,
    password_hash   VARCHAR(200) NOT NULL,
    create_time_ms  BIGINT       NOT NULL
);

CREATE TABLE sample_posts (
    id              VARCHAR(32)   PRIMARY KEY,
    author          VARCHAR(300)  NOT NULL,
    content         VARCHAR(5000) NOT NULL,
    visibility      VARCHAR(10)   NOT NULL,
    create_time_ms  BIGINT        NOT NULL
);
CREATE INDEX sample_posts_author ON sample_posts (author);

CREATE TABLE sample_events (
    id          VARCHAR(32)   PRIMARY KEY,
    owner       VARCHAR(300)  NOT NULL,
    summary     VARCHAR(1000) NOT NULL,
    start_time  VARCHAR(64)   NOT NULL,
    end_time    VARCHAR(64)   NOT NULL
);
CREATE INDEX sample_events_owner ON sample_events (owner);
