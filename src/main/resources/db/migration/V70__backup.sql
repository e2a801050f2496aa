-- Timed restore drills (backup module): read by the compliance report.
CREATE TABLE backup_restore_drill (
    id VARCHAR(36) PRIMARY KEY,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_ms BIGINT NOT NULL,
    backup_id VARCHAR(36) NOT NULL,
    backup_created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    database_kind VARCHAR(16) NOT NULL,
    passed BOOLEAN NOT NULL,
    detail VARCHAR(500) NOT NULL
);

CREATE INDEX backup_restore_drill_started ON backup_restore_drill (started_at);
