-- The hub CA's private key (keys module): an ECDSA P-256 PKCS#8 key stored only as AES-256-GCM
-- ciphertext of the keys module's FieldEncryption (scope keys:hub-ca, bound to this table, column
-- and row), so its data key is wrapped by the active key-encryption key (keyring file or PKCS#11)
-- and re-wrapped by KEK rotation like every other data key. One row.
CREATE TABLE key_hub_ca (
    id              INTEGER                  NOT NULL PRIMARY KEY,
    public_key      BYTEA                    NOT NULL,
    private_key_enc BYTEA                    NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT key_hub_ca_one_ck CHECK (id = 1)
);

-- Hospital-at-home hubs (module hub). A hub is bound to one patient; the devices module's inventory
-- can adopt this table later (hub.id stays the device id). No PHI: ids, codes, times. The enrolment
-- code is kept as its SHA-256 only and can be used once.
CREATE TABLE hub (
    id                   UUID                     NOT NULL PRIMARY KEY,
    patient_id           UUID                     NOT NULL,
    network_mode         VARCHAR(24)              NOT NULL,
    uplink               VARCHAR(64)              NOT NULL,
    status               VARCHAR(16)              NOT NULL,
    enrolment_code_hash  BYTEA,
    enrolment_expires_at TIMESTAMP WITH TIME ZONE,
    enrolled_at          TIMESTAMP WITH TIME ZONE,
    non_compliant        BOOLEAN                  NOT NULL,
    non_compliant_reason VARCHAR(32),
    non_compliant_since  TIMESTAMP WITH TIME ZONE,
    last_uplink          VARCHAR(64),
    last_seen_at         TIMESTAMP WITH TIME ZONE,
    created_by           UUID                     NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT hub_mode_ck CHECK (network_mode IN ('CELLULAR', 'DEDICATED_SEGMENT', 'SHARED_HOME')),
    CONSTRAINT hub_status_ck CHECK (status IN ('PENDING', 'ACTIVE', 'REVOKED')),
    CONSTRAINT hub_code_uk UNIQUE (enrolment_code_hash)
);
CREATE INDEX hub_patient_idx ON hub (patient_id);

-- Certificates issued to hubs (serial as lower-case hex). Revoked ones go on the CA's CRL.
CREATE TABLE hub_certificate (
    serial      VARCHAR(40)              NOT NULL PRIMARY KEY,
    hub_id      UUID                     NOT NULL REFERENCES hub (id),
    not_before  TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    der         BYTEA                    NOT NULL
);
CREATE INDEX hub_certificate_hub_idx ON hub_certificate (hub_id);

-- The CA certificate and its current CRL (one row), signed with the key above.
CREATE TABLE hub_ca (
    id             INTEGER                  NOT NULL PRIMARY KEY,
    certificate    BYTEA                    NOT NULL,
    crl            BYTEA                    NOT NULL,
    crl_number     BIGINT                   NOT NULL,
    crl_updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT hub_ca_one_ck CHECK (id = 1)
);

-- Vital-sign readings as FHIR R4 Observations. The Observation (values, times, subject) is
-- AES-256-GCM ciphertext under the patient's data key (scope patient:<id>); the plain columns hold
-- ids, the LOINC code, status and flags for listing. Idempotent by (hub, reading id).
CREATE TABLE hub_observation (
    id                UUID                     NOT NULL PRIMARY KEY,
    hub_id            UUID                     NOT NULL REFERENCES hub (id),
    patient_id        UUID                     NOT NULL,
    reading_id        VARCHAR(64)              NOT NULL,
    code              VARCHAR(16)              NOT NULL,
    effective_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    status            VARCHAR(16)              NOT NULL,
    quarantine_reason VARCHAR(32),
    non_compliant     BOOLEAN                  NOT NULL,
    resource_enc      BYTEA                    NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT hub_observation_reading_uk UNIQUE (hub_id, reading_id),
    CONSTRAINT hub_observation_status_ck CHECK (status IN ('final', 'preliminary'))
);
CREATE INDEX hub_observation_patient_idx ON hub_observation (patient_id, effective_at);

-- Clinical alerts raised by thresholds (e.g. SpO2 below 90 %): the rule code only, the value stays
-- in the encrypted Observation.
CREATE TABLE hub_clinical_alert (
    id             UUID                     NOT NULL PRIMARY KEY,
    patient_id     UUID                     NOT NULL,
    observation_id UUID                     NOT NULL REFERENCES hub_observation (id),
    rule           VARCHAR(32)              NOT NULL,
    raised_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX hub_clinical_alert_patient_idx ON hub_clinical_alert (patient_id, raised_at);

-- The daily cadence monitor, kept as evidence: per patient and completed UTC day, how many full
-- vital sets arrived (the fewest final readings of heart rate, SpO2, blood pressure, temperature).
CREATE TABLE hub_daily_monitor (
    patient_id   UUID                     NOT NULL,
    monitor_day  DATE                     NOT NULL,
    full_sets    INTEGER                  NOT NULL,
    below_target BOOLEAN                  NOT NULL,
    evaluated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (patient_id, monitor_day)
);
