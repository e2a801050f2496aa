-- Grants of roles that see PHI (CLINICIAN, STAFF): who gave them to whom, when, and why. The reason
-- is ciphertext of the keys module bound to identity:grant:<id>/identity_role_grant/reason/<id>.
-- Portable between H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE identity_role_grant (
    id         UUID                     NOT NULL PRIMARY KEY,
    user_id    UUID                     NOT NULL REFERENCES identity_users (id) ON DELETE CASCADE,
    granted_by UUID                     NOT NULL,
    roles      VARCHAR(200)             NOT NULL,
    reason     BYTEA,
    granted_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX identity_role_grant_user_idx ON identity_role_grant (user_id, granted_at);
