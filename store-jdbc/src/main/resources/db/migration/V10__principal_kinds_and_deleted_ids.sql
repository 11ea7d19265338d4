-- Issue 7, "identities that cannot be confused".

-- Ids that can never be created again: deleted projects ('PROJECT') and deleted service accounts
-- ('SERVICE_ACCOUNT', by address), as Google keeps deleted project ids reserved.
CREATE TABLE deleted_ids (
    kind            VARCHAR(20)  NOT NULL,
    id              VARCHAR(300) NOT NULL,
    delete_time_ms  BIGINT       NOT NULL,
    PRIMARY KEY (kind, id)
);

-- Projects deleted before this migration left their usage in the ledger (which has no foreign key):
-- their ids are reserved from now on, so that their usage never shows up for a new project.
INSERT INTO deleted_ids (kind, id, delete_time_ms)
SELECT DISTINCT 'PROJECT', u.project_id, 0 FROM usage_days u
WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.project_id = u.project_id);
INSERT INTO deleted_ids (kind, id, delete_time_ms)
SELECT DISTINCT 'PROJECT', u.project_id, 0 FROM usage_minutes u
WHERE NOT EXISTS (SELECT 1 FROM projects p WHERE p.project_id = u.project_id)
  AND NOT EXISTS (SELECT 1 FROM deleted_ids d WHERE d.kind = 'PROJECT' AND d.id = u.project_id);

-- Roles of service accounts that no longer exist (deleted with their project) go.
DELETE FROM project_members WHERE member LIKE 'serviceAccount:%'
  AND NOT EXISTS (SELECT 1 FROM service_accounts s WHERE 'serviceAccount:' || s.email = project_members.member);
DELETE FROM platform_admins WHERE member LIKE 'serviceAccount:%'
  AND NOT EXISTS (SELECT 1 FROM service_accounts s WHERE 'serviceAccount:' || s.email = platform_admins.member);

-- A person's role granted to an address of the service-account domain was meant for a service
-- account (people can no longer hold such addresses): it goes, so that it never falls to a person.
DELETE FROM project_members WHERE LOWER(member) LIKE 'user:%.iam';
DELETE FROM platform_admins WHERE LOWER(member) LIKE 'user:%.iam';

-- Tokens (subject_kind), memberships and platform roles ('user:' or 'serviceAccount:' in the member
-- string) already say which kind they name; grants, codes and refresh tokens are people's only.
-- The samples key their data by principal kind and address. Existing rows are what they are: a
-- service account's when a service account has (or, with no person of that address, had) it.
ALTER TABLE sample_posts ADD COLUMN author_kind VARCHAR(20) DEFAULT 'PERSON' NOT NULL;
UPDATE sample_posts SET author_kind = 'SERVICE_ACCOUNT'
WHERE EXISTS (SELECT 1 FROM service_accounts s WHERE s.email = sample_posts.author)
   OR (author LIKE '%.iam' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.email = sample_posts.author));
CREATE INDEX sample_posts_kind_author ON sample_posts (author_kind, author);

ALTER TABLE sample_events ADD COLUMN owner_kind VARCHAR(20) DEFAULT 'PERSON' NOT NULL;
UPDATE sample_events SET owner_kind = 'SERVICE_ACCOUNT'
WHERE EXISTS (SELECT 1 FROM service_accounts s WHERE s.email = sample_events.owner)
   OR (owner LIKE '%.iam' AND NOT EXISTS (SELECT 1 FROM users u WHERE u.email = sample_events.owner));
CREATE INDEX sample_events_kind_owner ON sample_events (owner_kind, owner);
