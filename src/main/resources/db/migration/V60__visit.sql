-- Visits (module visit): schedule, care team, lifecycle, identity verification at visit start and
-- patient join links. No PHI in these tables: ids, times and codes only. Verification rows record
-- which data points matched (their names), never the values; join links store only the SHA-256 of
-- the token. Portable between H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE visit (
    id                   UUID                     NOT NULL PRIMARY KEY,
    patient_id           UUID                     NOT NULL,
    start_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    end_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_minutes     INTEGER                  NOT NULL,
    modality             VARCHAR(16)              NOT NULL,
    status               VARCHAR(24)              NOT NULL,
    identity_verified_at TIMESTAMP WITH TIME ZONE,
    verified_by          UUID,
    verified_data_points VARCHAR(200),
    failed_verifications INTEGER                  NOT NULL,
    flagged_for_review   BOOLEAN                  NOT NULL,
    created_by           UUID                     NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    version              BIGINT                   NOT NULL,
    CONSTRAINT visit_duration_ck CHECK (duration_minutes BETWEEN 5 AND 480),
    CONSTRAINT visit_modality_ck CHECK (modality IN ('VIDEO', 'PHONE', 'IN_PERSON')),
    CONSTRAINT visit_status_ck CHECK (status IN
        ('SCHEDULED', 'WAITING', 'IDENTITY_VERIFIED', 'IN_PROGRESS', 'ENDED', 'CANCELLED', 'NO_SHOW'))
);
CREATE INDEX visit_patient_idx ON visit (patient_id, start_at);
CREATE INDEX visit_start_idx ON visit (start_at);

-- The care team: the clinicians assigned to a visit.
CREATE TABLE visit_clinician (
    visit_id     UUID NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    clinician_id UUID NOT NULL,
    PRIMARY KEY (visit_id, clinician_id)
);
CREATE INDEX visit_clinician_clinician_idx ON visit_clinician (clinician_id, visit_id);

-- One row per clinician that has been scheduled: locked (SELECT ... FOR UPDATE) while a visit of
-- that clinician is created, so two concurrent creations cannot both pass the overlap check.
CREATE TABLE visit_schedule_lock (
    clinician_id UUID NOT NULL PRIMARY KEY
);

CREATE TABLE visit_verification_attempt (
    id           UUID                     NOT NULL PRIMARY KEY,
    visit_id     UUID                     NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    attempted_by UUID                     NOT NULL,
    attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    matched      VARCHAR(200)             NOT NULL,
    mismatched   VARCHAR(200)             NOT NULL,
    verified     BOOLEAN                  NOT NULL
);
CREATE INDEX visit_verification_attempt_visit_idx ON visit_verification_attempt (visit_id, attempted_at);

CREATE TABLE visit_join_link (
    id                  UUID                     NOT NULL PRIMARY KEY,
    visit_id            UUID                     NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    token_hash          VARCHAR(64)              NOT NULL,
    valid_from          TIMESTAMP WITH TIME ZONE NOT NULL,
    valid_until         TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by          UUID                     NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at             TIMESTAMP WITH TIME ZONE,
    revoked_at          TIMESTAMP WITH TIME ZONE,
    failed_dob_attempts INTEGER                  NOT NULL,
    CONSTRAINT visit_join_link_token_uq UNIQUE (token_hash)
);
CREATE INDEX visit_join_link_visit_idx ON visit_join_link (visit_id);
