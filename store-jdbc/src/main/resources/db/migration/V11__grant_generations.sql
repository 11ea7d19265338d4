-- Grants that stay removed: removing a grant advances its generation; codes, device approvals and
-- refresh-token families remember the generation they were issued under. No foreign keys: a
-- generation must outlive the grant (and the client) it counts.

CREATE TABLE grant_generations (
    user_id     VARCHAR(32)   NOT NULL,
    client_id   VARCHAR(128)  NOT NULL,
    generation  BIGINT        NOT NULL,
    PRIMARY KEY (user_id, client_id)
);

CREATE TABLE grant_artifact_generations (
    artifact_id  VARCHAR(100)  PRIMARY KEY,
    generation   BIGINT        NOT NULL
);
