-- Risk register (risk module, NIST SP 800-30 r1): scenarios with likelihood and impact as 800-30
-- levels 1 (very low) to 5 (very high), the flows of the PHI data-flow map already seen (to notice
-- new ones and lost encryption), and completed yearly assessments. No PHI.
CREATE TABLE risk_scenario (
    id                  UUID                     NOT NULL PRIMARY KEY,
    threat_id           VARCHAR(64)              NOT NULL,
    asset               VARCHAR(400)             NOT NULL,
    title               VARCHAR(300)             NOT NULL,
    likelihood          INTEGER                  NOT NULL,
    impact              INTEGER                  NOT NULL,
    residual_likelihood INTEGER                  NOT NULL,
    residual_impact     INTEGER                  NOT NULL,
    treatment           VARCHAR(16)              NOT NULL,
    owner               VARCHAR(200)             NOT NULL,
    due_on              DATE,
    status              VARCHAR(16)              NOT NULL,
    origin              VARCHAR(32)              NOT NULL,
    trigger_key         VARCHAR(600),
    opened_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT risk_scenario_levels_ck CHECK (likelihood BETWEEN 1 AND 5 AND impact BETWEEN 1 AND 5
        AND residual_likelihood BETWEEN 1 AND 5 AND residual_impact BETWEEN 1 AND 5)
);

CREATE INDEX risk_scenario_trigger_idx ON risk_scenario (trigger_key, status);

CREATE TABLE risk_flow_seen (
    flow_id    VARCHAR(600)             NOT NULL PRIMARY KEY,
    encrypted  BOOLEAN                  NOT NULL,
    first_seen TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE risk_assessment (
    id           UUID                     NOT NULL PRIMARY KEY,
    completed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_by UUID                     NOT NULL
);
