-- Posture exceptions recorded through the API: for one device or for a group of devices (any
-- combination of kind, ownership and OS name; at least one), and revocable. A revoked exception
-- stays as a record (who revoked it and when) and stops counting at once.
-- Portable between H2 (PostgreSQL mode) and PostgreSQL.
ALTER TABLE device_posture_exception ALTER COLUMN device_id DROP NOT NULL;
ALTER TABLE device_posture_exception ADD COLUMN group_kind VARCHAR(32);
ALTER TABLE device_posture_exception ADD COLUMN group_ownership VARCHAR(16);
ALTER TABLE device_posture_exception ADD COLUMN group_os_name VARCHAR(32);
ALTER TABLE device_posture_exception ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE device_posture_exception ADD COLUMN revoked_by UUID;
ALTER TABLE device_posture_exception ADD CONSTRAINT device_posture_exception_scope_ck CHECK (
    (device_id IS NOT NULL AND group_kind IS NULL AND group_ownership IS NULL AND group_os_name IS NULL)
    OR (device_id IS NULL AND (group_kind IS NOT NULL OR group_ownership IS NOT NULL OR group_os_name IS NOT NULL)));
ALTER TABLE device_posture_exception ADD CONSTRAINT device_posture_exception_revoked_ck CHECK (
    (revoked_at IS NULL AND revoked_by IS NULL) OR (revoked_at IS NOT NULL AND revoked_by IS NOT NULL));
CREATE INDEX device_posture_exception_group_idx ON device_posture_exception (expires_at);
