-- PostgreSQL: audit_entry becomes a table partitioned by month of recorded_at (declarative range
-- partitioning), so that time-bounded queries touch only their months and a whole month can leave
-- at once after the retention period (docs/audit.md, "Partitions"). H2 keeps its single table.
--
-- The primary key must include the partition key: (seq, recorded_at). seq stays gap-free and unique
-- because the writer assigns it under the head row lock; the verifier checks it.
-- Partitions are named audit_entry_pYYYYMM and cover [first instant of the month UTC, first of the
-- next). This migration creates the current month and the two after it; the application keeps
-- creating months ahead (AuditPartitions). Entries written before this migration stay in one
-- partition, audit_entry_before_months, that covers everything up to the end of their last month.
ALTER TABLE audit_entry RENAME TO audit_entry_before_months;
ALTER INDEX audit_entry_by_patient RENAME TO audit_entry_before_months_by_patient;
ALTER INDEX audit_entry_by_actor RENAME TO audit_entry_before_months_by_actor;
ALTER INDEX audit_entry_by_time RENAME TO audit_entry_before_months_by_time;
DROP TRIGGER audit_entry_append_only ON audit_entry_before_months;
-- its key becomes the partitioned table's (seq, recorded_at) when it is attached below
ALTER TABLE audit_entry_before_months DROP CONSTRAINT audit_entry_pkey;

CREATE TABLE audit_entry (
    seq            BIGINT                   NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    action         VARCHAR(64)              NOT NULL,
    outcome        VARCHAR(8)               NOT NULL,
    reason         VARCHAR(128),
    actor_id       VARCHAR(128),
    actor_role     VARCHAR(64),
    session_ref    VARCHAR(128),
    auth_method    VARCHAR(64),
    resource_type  VARCHAR(64),
    resource_id    VARCHAR(128),
    patient_id     VARCHAR(128),
    visit_id       VARCHAR(128),
    purpose        VARCHAR(32)              NOT NULL,
    source_address VARCHAR(64),
    device_id      VARCHAR(128),
    request_id     VARCHAR(64),
    leaf_hash      BYTEA                    NOT NULL,
    PRIMARY KEY (seq, recorded_at)
) PARTITION BY RANGE (recorded_at);

CREATE INDEX audit_entry_by_patient ON audit_entry (patient_id, seq);
CREATE INDEX audit_entry_by_actor ON audit_entry (actor_id, seq);
CREATE INDEX audit_entry_by_time ON audit_entry (recorded_at);

-- Row triggers of a partitioned table are cloned onto every partition, present and future.
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_entry_no_truncate_all BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Creates the partition of one month (idempotent) with its own TRUNCATE trigger (statement triggers
-- are not cloned onto partitions). Months already covered by another partition are left alone.
CREATE FUNCTION audit_entry_month(month_start DATE) RETURNS TEXT LANGUAGE plpgsql AS $$
DECLARE
    name TEXT := 'audit_entry_p' || to_char(month_start, 'YYYYMM');
    lo TIMESTAMPTZ := (month_start::timestamp AT TIME ZONE 'UTC');
    hi TIMESTAMPTZ := ((month_start + INTERVAL '1 month')::timestamp AT TIME ZONE 'UTC');
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN name;
    END IF;
    BEGIN
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_entry FOR VALUES FROM (%L) TO (%L)', name, lo, hi);
    EXCEPTION
        WHEN invalid_object_definition THEN
            RETURN NULL; -- the month overlaps audit_entry_before_months
        WHEN duplicate_table OR unique_violation THEN
            RETURN name; -- another node created it at the same time
    END;
    EXECUTE format('CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON %I'
                   || ' FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()', name);
    RETURN name;
END;
$$;

DO $$
DECLARE
    last_month DATE;
    first_new DATE := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
BEGIN
    SELECT date_trunc('month', max(recorded_at) AT TIME ZONE 'UTC')::date INTO last_month
        FROM audit_entry_before_months;
    IF last_month IS NULL THEN
        DROP TABLE audit_entry_before_months;
    ELSE
        IF last_month >= first_new THEN
            first_new := (last_month + INTERVAL '1 month')::date;
        END IF;
        EXECUTE format('ALTER TABLE audit_entry ATTACH PARTITION audit_entry_before_months'
                       || ' FOR VALUES FROM (MINVALUE) TO (%L)',
                       (first_new::timestamp AT TIME ZONE 'UTC'));
    END IF;
    FOR i IN 0..2 LOOP
        PERFORM audit_entry_month((first_new + make_interval(months => i))::date);
    END LOOP;
END;
$$;
