-- Per-project quota overrides, and each project's billing settings.

CREATE TABLE quota_overrides (
    project_id   VARCHAR(30)  NOT NULL REFERENCES projects (project_id) ON DELETE CASCADE,
    service      VARCHAR(63)  NOT NULL,
    limit_name   VARCHAR(64)  NOT NULL,
    limit_value  BIGINT       NOT NULL,
    PRIMARY KEY (project_id, service, limit_name)
);

CREATE TABLE billing_accounts (
    project_id      VARCHAR(30)  PRIMARY KEY REFERENCES projects (project_id) ON DELETE CASCADE,
    enabled         BOOLEAN      NOT NULL,
    monthly_budget  VARCHAR(40)
);
