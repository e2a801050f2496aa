-- Vendor register (vendor module): vendors, their BAA (the document lives encrypted in the artifact
-- vault under baa_object_id), subcontractors with their own BAA. No PHI. Portable H2 / PostgreSQL.
CREATE TABLE vendor (
    id                 UUID                     NOT NULL PRIMARY KEY,
    vendor_key         VARCHAR(64)              NOT NULL,
    name               VARCHAR(200)             NOT NULL,
    name_key           VARCHAR(200)             NOT NULL,
    services           VARCHAR(1000)            NOT NULL,
    phi_categories     VARCHAR(500)             NOT NULL,
    owner              VARCHAR(200)             NOT NULL,
    baa_effective      DATE,
    baa_expires        DATE,
    breach_notice_days INTEGER,
    flow_down          BOOLEAN                  NOT NULL,
    return_or_destroy  VARCHAR(1000),
    baa_object_id      VARCHAR(100),
    baa_sha256         VARCHAR(64),
    baa_size           BIGINT,
    verified_on        DATE,
    verified_by        UUID,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT vendor_key_uq UNIQUE (vendor_key),
    CONSTRAINT vendor_name_uq UNIQUE (name_key),
    CONSTRAINT vendor_baa_dates_ck CHECK (baa_effective IS NULL OR baa_expires IS NULL OR baa_expires > baa_effective),
    CONSTRAINT vendor_breach_days_ck CHECK (breach_notice_days IS NULL OR breach_notice_days BETWEEN 1 AND 60)
);

CREATE TABLE vendor_subcontractor (
    id          UUID          NOT NULL PRIMARY KEY,
    vendor_id   UUID          NOT NULL REFERENCES vendor (id) ON DELETE CASCADE,
    position    INTEGER       NOT NULL,
    name        VARCHAR(200)  NOT NULL,
    services    VARCHAR(500)  NOT NULL,
    baa_expires DATE,
    flow_down   BOOLEAN       NOT NULL
);

CREATE INDEX vendor_subcontractor_vendor_idx ON vendor_subcontractor (vendor_id, position);
