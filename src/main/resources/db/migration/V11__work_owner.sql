-- The instance (cluster_instance.id) doing a report's or a model's background work, so that the work interrupted by
-- a stopped or dead instance is marked FAILED without touching what another live instance is doing. NULL for rows
-- written before this column (those are judged by age, as before).
ALTER TABLE report ADD COLUMN instance_id VARCHAR(120);
ALTER TABLE model_version ADD COLUMN instance_id VARCHAR(120);
