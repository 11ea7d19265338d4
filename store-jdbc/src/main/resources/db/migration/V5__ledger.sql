-- The usage ledger: calls per project, API, method, status and minute (purged after a configurable
-- time) or day (kept for good), and how far each node's journal has been drained into it. No
-- foreign key to projects: the usage of a deleted project stays for its bills.

CREATE TABLE usage_minutes (
    project_id          VARCHAR(64)   NOT NULL,
    api                 VARCHAR(64)   NOT NULL,
    method              VARCHAR(256)  NOT NULL,
    status              INTEGER       NOT NULL,
    minute_start_ms     BIGINT        NOT NULL,
    calls               BIGINT        NOT NULL,
    bytes_in            BIGINT        NOT NULL,
    bytes_out           BIGINT        NOT NULL,
    latency_micros_sum  BIGINT        NOT NULL,
    PRIMARY KEY (project_id, minute_start_ms, api, method, status)
);
CREATE INDEX usage_minutes_start ON usage_minutes (minute_start_ms);

CREATE TABLE usage_days (
    project_id          VARCHAR(64)   NOT NULL,
    api                 VARCHAR(64)   NOT NULL,
    method              VARCHAR(256)  NOT NULL,
    status              INTEGER       NOT NULL,
    day_start_ms        BIGINT        NOT NULL,
    calls               BIGINT        NOT NULL,
    bytes_in            BIGINT        NOT NULL,
    bytes_out           BIGINT        NOT NULL,
    latency_micros_sum  BIGINT        NOT NULL,
    PRIMARY KEY (project_id, day_start_ms, api, method, status)
);

CREATE TABLE journal_positions (
    node_id         VARCHAR(64)  PRIMARY KEY,
    segment_no      BIGINT       NOT NULL,
    segment_offset  BIGINT       NOT NULL,
    updated_ms      BIGINT       NOT NULL
);
