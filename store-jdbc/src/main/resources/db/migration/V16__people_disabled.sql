-- A platform administrator may disable a person's account: they can no longer sign in.
ALTER TABLE users ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
