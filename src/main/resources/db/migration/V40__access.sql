-- Access decision point: break-glass grants (the reason is ciphertext of the keys module bound to
-- patient:<patient id>/access_break_glass_grant/reason/<grant id>: it may hold PHI) and stored
-- security alerts (identifiers and codes only, no PHI) that the detection module builds on.
-- Portable between H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE access_break_glass_grant (
    id           UUID                     NOT NULL PRIMARY KEY,
    clinician_id UUID                     NOT NULL,
    patient_id   UUID                     NOT NULL,
    granted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    reason       BYTEA                    NOT NULL,
    CONSTRAINT access_break_glass_grant_expiry_ck CHECK (expires_at > granted_at)
);

CREATE INDEX access_break_glass_grant_lookup_idx
    ON access_break_glass_grant (clinician_id, patient_id, expires_at);

CREATE TABLE security_alert (
    id         UUID                     NOT NULL PRIMARY KEY,
    kind       VARCHAR(32)              NOT NULL,
    severity   VARCHAR(16)              NOT NULL,
    actor_id   UUID                     NOT NULL,
    patient_id UUID,
    grant_id   UUID REFERENCES access_break_glass_grant (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    status     VARCHAR(16)              NOT NULL
);

CREATE INDEX security_alert_by_created_idx ON security_alert (created_at DESC, id);
