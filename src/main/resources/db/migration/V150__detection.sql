-- Detection (issue 24): rule alerts reuse security_alert (kind = the rule id). Identifiers and codes
-- only, no PHI. Portable between H2 (PostgreSQL mode) and PostgreSQL.
ALTER TABLE security_alert ADD COLUMN title VARCHAR(200);
ALTER TABLE security_alert ADD COLUMN dedup_key VARCHAR(300);
ALTER TABLE security_alert ADD COLUMN assignee UUID;
ALTER TABLE security_alert ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE security_alert ADD COLUMN hits INT DEFAULT 1 NOT NULL;

CREATE INDEX security_alert_dedup_idx ON security_alert (dedup_key, status);
CREATE INDEX security_alert_status_idx ON security_alert (status, created_at);

-- The audit entries that made an alert fire (sequence numbers of audit_entry).
CREATE TABLE security_alert_entry (
    alert_id UUID   NOT NULL REFERENCES security_alert (id),
    seq      BIGINT NOT NULL,
    PRIMARY KEY (alert_id, seq)
);

-- The evaluator's durable cursor over the trail: the next sequence number to evaluate. It moves in
-- the transaction that stores the alerts of the entries before it, so nothing is lost or doubled.
CREATE TABLE detection_cursor (
    name       VARCHAR(32)              NOT NULL PRIMARY KEY,
    next_seq   BIGINT                   NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Workforce members' own patient records, found by blind index (never by a stored name): the
-- workforce_member modifier asks whether a patient id is in this list.
CREATE TABLE detection_workforce_patient (
    account_id    UUID                     NOT NULL,
    patient_id    UUID                     NOT NULL,
    registered_by UUID                     NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, patient_id)
);

CREATE INDEX detection_workforce_patient_by_patient ON detection_workforce_patient (patient_id);
