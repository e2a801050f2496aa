-- Network segmentation self-test: the policy's targets (host and port the telehealth servers must
-- not reach, or must reach) and each probe's result, the evidence of the compliance report.
CREATE TABLE network_segmentation_target (
    id          UUID                     NOT NULL PRIMARY KEY,
    label       VARCHAR(100)             NOT NULL,
    host        VARCHAR(253)             NOT NULL,
    port        INTEGER                  NOT NULL,
    expectation VARCHAR(16)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT network_segmentation_target_uk UNIQUE (host, port),
    CONSTRAINT network_segmentation_port_ck CHECK (port BETWEEN 1 AND 65535)
);

CREATE TABLE network_segmentation_probe (
    id          UUID                     NOT NULL PRIMARY KEY,
    target_id   UUID                     NOT NULL REFERENCES network_segmentation_target (id) ON DELETE CASCADE,
    reachable   BOOLEAN                  NOT NULL,
    passed      BOOLEAN                  NOT NULL,
    detail      VARCHAR(100)             NOT NULL,
    probed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX network_segmentation_probe_target_idx ON network_segmentation_probe (target_id, probed_at);
