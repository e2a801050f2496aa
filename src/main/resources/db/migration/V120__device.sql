-- Device module: the inventory of every device that touches PHI, its bound browser key (public JWK
-- and RFC 7638 thumbprint), single-use proof challenges, posture evidence from MDM webhooks, CSV
-- exports and osquery policies, recorded posture exceptions with an expiry, and the durable outbox
-- of wipe/lock requests to the MDM. No PHI: owners are workforce user ids.
-- Portable between H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE device (
    id             UUID                     NOT NULL PRIMARY KEY,
    owner_id       UUID                     NOT NULL,
    name           VARCHAR(120)             NOT NULL,
    kind           VARCHAR(32)              NOT NULL,
    ownership      VARCHAR(16)              NOT NULL,
    os_name        VARCHAR(32)              NOT NULL,
    os_version     VARCHAR(32)              NOT NULL,
    serial_number  VARCHAR(64)              NOT NULL,
    mdm_id         VARCHAR(64),
    first_seen     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    binding_state  VARCHAR(16)              NOT NULL,
    public_jwk     VARCHAR(1024),
    jwk_thumbprint VARCHAR(64),
    bound_at       TIMESTAMP WITH TIME ZONE,
    lost_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT device_serial_uk UNIQUE (serial_number),
    CONSTRAINT device_thumbprint_uk UNIQUE (jwk_thumbprint),
    CONSTRAINT device_kind_ck CHECK (kind IN ('LAPTOP', 'PHONE', 'TABLET', 'WORKSTATION', 'HOSPITAL_AT_HOME_HUB')),
    CONSTRAINT device_ownership_ck CHECK (ownership IN ('ORGANISATION', 'BYOD')),
    CONSTRAINT device_binding_ck CHECK (binding_state IN ('UNBOUND', 'BOUND', 'REVOKED'))
);

CREATE INDEX device_owner_idx ON device (owner_id);

CREATE TABLE device_challenge (
    challenge_hash VARCHAR(64)              NOT NULL PRIMARY KEY,
    user_id        UUID                     NOT NULL,
    session_ref    VARCHAR(64)              NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE device_posture_report (
    id                      UUID                     NOT NULL PRIMARY KEY,
    device_id               UUID                     NOT NULL REFERENCES device (id),
    source                  VARCHAR(16)              NOT NULL,
    integration             VARCHAR(64)              NOT NULL,
    report_ref              VARCHAR(128)             NOT NULL,
    reported_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    disk_encrypted          BOOLEAN,
    screen_lock_minutes     INTEGER,
    screen_lock_ok          BOOLEAN,
    antivirus_running       BOOLEAN,
    antivirus_signatures_at TIMESTAMP WITH TIME ZONE,
    antivirus_ok            BOOLEAN,
    os_version              VARCHAR(32),
    os_ok                   BOOLEAN,
    mdm_enrolled            BOOLEAN,
    remote_wipe             BOOLEAN,
    CONSTRAINT device_posture_report_source_ck CHECK (source IN ('WEBHOOK', 'CSV', 'OSQUERY')),
    CONSTRAINT device_posture_report_ref_uk UNIQUE (source, integration, report_ref)
);

CREATE INDEX device_posture_report_latest_idx ON device_posture_report (device_id, reported_at DESC);

CREATE TABLE device_posture_exception (
    id         UUID                     NOT NULL PRIMARY KEY,
    device_id  UUID                     NOT NULL REFERENCES device (id),
    check_code VARCHAR(32)              NOT NULL,
    reason     VARCHAR(300)             NOT NULL,
    granted_by UUID                     NOT NULL,
    granted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT device_posture_exception_expiry_ck CHECK (expires_at > granted_at)
);

CREATE INDEX device_posture_exception_device_idx ON device_posture_exception (device_id, expires_at);

CREATE TABLE device_mdm_command (
    id              UUID                     NOT NULL PRIMARY KEY,
    device_id       UUID                     NOT NULL REFERENCES device (id),
    action          VARCHAR(16)              NOT NULL,
    mdm_id          VARCHAR(64),
    status          VARCHAR(16)              NOT NULL,
    attempts        INTEGER                  NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      VARCHAR(200),
    requested_by    UUID                     NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT device_mdm_command_action_ck CHECK (action IN ('WIPE', 'LOCK', 'SELECTIVE_WIPE')),
    CONSTRAINT device_mdm_command_status_ck CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'DONE_LOCALLY'))
);

CREATE INDEX device_mdm_command_due_idx ON device_mdm_command (status, next_attempt_at);
