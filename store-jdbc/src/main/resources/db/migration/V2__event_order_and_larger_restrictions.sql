-- Events sort by their instant, not by the text of their RFC 3339 time (offsets and seconds vary).
ALTER TABLE sample_events ADD COLUMN start_epoch_ms BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX sample_events_owner_start ON sample_events (owner, start_epoch_ms);

-- The largest restrictions the admin API accepts (100 targets of 100 methods) must fit.
ALTER TABLE api_keys ALTER COLUMN restrictions SET DATA TYPE VARCHAR(1000000);
