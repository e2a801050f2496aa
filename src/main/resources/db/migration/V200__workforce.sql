-- Workforce program: security training courses (content as data), assignments by role at hire and
-- yearly, completions kept as xAPI-style statements (actor, verb, object, result, timestamp), versioned
-- policy documents with acknowledgements (kept six years after they are superseded), access reviews
-- with one decision per account, and leavers with their deprovisioning clock. No PHI: people are
-- workforce account ids. Portable between H2 (PostgreSQL mode) and PostgreSQL. Enumerated
-- values (assigned_for, decision) are the code's enums; no CHECK with a value list, because H2
-- evaluates such a list with the session that created it and fails once that connection is closed.
CREATE TABLE workforce_course (
    id         VARCHAR(64)              NOT NULL PRIMARY KEY,
    version    INTEGER                  NOT NULL,
    title      VARCHAR(200)             NOT NULL,
    content    VARCHAR(20000)           NOT NULL,
    roles      VARCHAR(200)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE workforce_statement (
    id          UUID                     NOT NULL PRIMARY KEY,
    actor_id    UUID                     NOT NULL,
    verb        VARCHAR(200)             NOT NULL,
    object_id   VARCHAR(200)             NOT NULL,
    success     BOOLEAN                  NOT NULL,
    response    VARCHAR(500)             NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    stored_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX workforce_statement_actor_idx ON workforce_statement (actor_id, occurred_at);

CREATE TABLE workforce_assignment (
    id           UUID                     NOT NULL PRIMARY KEY,
    account_id   UUID                     NOT NULL,
    course_id    VARCHAR(64)              NOT NULL REFERENCES workforce_course (id),
    assigned_for VARCHAR(16)              NOT NULL,
    assigned_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE,
    statement_id UUID REFERENCES workforce_statement (id)
);

CREATE INDEX workforce_assignment_account_idx ON workforce_assignment (account_id, course_id);
CREATE INDEX workforce_assignment_open_idx ON workforce_assignment (completed_at, due_at);

CREATE TABLE workforce_policy (
    id            UUID                     NOT NULL PRIMARY KEY,
    policy_key    VARCHAR(64)              NOT NULL,
    version       INTEGER                  NOT NULL,
    title         VARCHAR(200)             NOT NULL,
    content       VARCHAR(100000)          NOT NULL,
    content_sha256 VARCHAR(64)             NOT NULL,
    published_by  UUID                     NOT NULL,
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    superseded_at TIMESTAMP WITH TIME ZONE,
    retain_until  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT workforce_policy_version_uk UNIQUE (policy_key, version)
);

CREATE TABLE workforce_acknowledgement (
    policy_id       UUID                     NOT NULL REFERENCES workforce_policy (id) ON DELETE CASCADE,
    account_id      UUID                     NOT NULL,
    acknowledged_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (policy_id, account_id)
);

CREATE TABLE workforce_access_review (
    id           UUID                     NOT NULL PRIMARY KEY,
    reviewer_id  UUID                     NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE workforce_review_decision (
    review_id  UUID                     NOT NULL REFERENCES workforce_access_review (id),
    account_id UUID                     NOT NULL,
    decision   VARCHAR(16)              NOT NULL,
    roles_before VARCHAR(200)           NOT NULL,
    roles_after  VARCHAR(200)           NOT NULL,
    decided_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (review_id, account_id)
);

CREATE TABLE workforce_leaver (
    account_id        UUID                     NOT NULL PRIMARY KEY,
    left_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    deadline          TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by       UUID                     NOT NULL,
    deprovisioned_at  TIMESTAMP WITH TIME ZONE,
    deprovisioned_by  UUID
);
