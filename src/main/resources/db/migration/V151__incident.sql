-- Incidents, communication steps and tabletop drills (issue 24). Identifiers, codes, dates and short
-- officer notes (the forms say: no patient information); patients are referenced by id only.
-- Portable between H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE incident (
    id            UUID                     NOT NULL PRIMARY KEY,
    title         VARCHAR(200)             NOT NULL,
    severity      VARCHAR(16)              NOT NULL,
    status        VARCHAR(16)              NOT NULL,
    alert_id      UUID,
    zone          VARCHAR(64)              NOT NULL,
    opened_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    opened_by     UUID                     NOT NULL,
    discovered_on DATE,
    breach_on     DATE,
    verdict       VARCHAR(40),
    assessment    VARCHAR(4000),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The timeline: every event with its instant and the time zone it was reported in.
CREATE TABLE incident_event (
    id          UUID                     NOT NULL PRIMARY KEY,
    incident_id UUID                     NOT NULL REFERENCES incident (id),
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    zone        VARCHAR(64)              NOT NULL,
    kind        VARCHAR(32)              NOT NULL,
    note        VARCHAR(500),
    by_account  UUID
);
CREATE INDEX incident_event_by_incident ON incident_event (incident_id, at);

CREATE TABLE incident_task (
    id          UUID                     NOT NULL PRIMARY KEY,
    incident_id UUID                     NOT NULL REFERENCES incident (id),
    title       VARCHAR(200)             NOT NULL,
    due_at      TIMESTAMP WITH TIME ZONE,
    done_at     TIMESTAMP WITH TIME ZONE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Accounts, devices and patients involved (patients by id; state of residence as a two-letter code).
CREATE TABLE incident_subject (
    incident_id UUID         NOT NULL REFERENCES incident (id),
    kind        VARCHAR(16)  NOT NULL,
    subject_id  VARCHAR(128) NOT NULL,
    state       VARCHAR(2),
    PRIMARY KEY (incident_id, kind, subject_id)
);

-- The communication plan's steps for one incident: who, in what order, by when; acknowledgements.
CREATE TABLE incident_comm_step (
    id              UUID                     NOT NULL PRIMARY KEY,
    incident_id     UUID                     NOT NULL REFERENCES incident (id),
    step_order      INT                      NOT NULL,
    audience        VARCHAR(100)             NOT NULL,
    due_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at TIMESTAMP WITH TIME ZONE,
    acknowledged_by UUID,
    escalated_at    TIMESTAMP WITH TIME ZONE
);

-- Tabletop drills and their separate drill trail (never the real audit trail).
CREATE TABLE drill (
    id           UUID                     NOT NULL PRIMARY KEY,
    scenario     VARCHAR(64)              NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    started_by   UUID                     NOT NULL,
    rules_fired  VARCHAR(500),
    detected_at  TIMESTAMP WITH TIME ZONE,
    decided_at   TIMESTAMP WITH TIME ZONE,
    decision     VARCHAR(500),
    participants VARCHAR(1000),
    findings     VARCHAR(2000),
    follow_ups   VARCHAR(2000),
    finished_at  TIMESTAMP WITH TIME ZONE
);

CREATE TABLE drill_event (
    drill_id      UUID                     NOT NULL REFERENCES drill (id),
    seq           INT                      NOT NULL,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    marker        VARCHAR(8)               NOT NULL,
    action        VARCHAR(64)              NOT NULL,
    outcome       VARCHAR(8)               NOT NULL,
    actor_id      VARCHAR(128),
    patient_id    VARCHAR(128),
    resource_type VARCHAR(64),
    resource_id   VARCHAR(128),
    device_id     VARCHAR(128),
    PRIMARY KEY (drill_id, seq),
    CONSTRAINT drill_event_marked CHECK (marker = 'DRILL')
);
