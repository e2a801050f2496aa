-- Workforce identity: accounts, roles, TOTP secrets (ciphertext from the keys module), recovery
-- codes (SHA-256 of 80-bit random codes) and Spring Security's WebAuthn tables (user_entities,
-- user_credentials, as shipped in spring-security-web with bytea for the binary columns).
-- Portable between H2 (PostgreSQL mode) and PostgreSQL.
CREATE TABLE identity_users (
    id            UUID                     NOT NULL PRIMARY KEY,
    username      VARCHAR(64)              NOT NULL,
    password_hash VARCHAR(255)             NOT NULL,
    enabled       BOOLEAN                  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT identity_users_username_uq UNIQUE (username)
);

CREATE TABLE identity_user_roles (
    user_id UUID        NOT NULL REFERENCES identity_users (id) ON DELETE CASCADE,
    role    VARCHAR(32) NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE identity_totp (
    user_id    UUID                     NOT NULL PRIMARY KEY REFERENCES identity_users (id) ON DELETE CASCADE,
    secret     BYTEA                    NOT NULL,
    confirmed  BOOLEAN                  NOT NULL,
    last_step  BIGINT,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE identity_recovery_codes (
    user_id    UUID                     NOT NULL REFERENCES identity_users (id) ON DELETE CASCADE,
    code_hash  VARCHAR(64)              NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at    TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE user_entities (
    id           VARCHAR(1000) NOT NULL PRIMARY KEY,
    name         VARCHAR(100)  NOT NULL,
    display_name VARCHAR(200)
);

CREATE TABLE user_credentials (
    credential_id                VARCHAR(1000) NOT NULL PRIMARY KEY,
    user_entity_user_id          VARCHAR(1000) NOT NULL,
    public_key                   BYTEA         NOT NULL,
    signature_count              BIGINT,
    uv_initialized               BOOLEAN,
    backup_eligible              BOOLEAN       NOT NULL,
    authenticator_transports     VARCHAR(1000),
    public_key_credential_type   VARCHAR(100),
    backup_state                 BOOLEAN       NOT NULL,
    attestation_object           BYTEA,
    attestation_client_data_json BYTEA,
    created                      TIMESTAMP,
    last_used                    TIMESTAMP,
    label                        VARCHAR(1000) NOT NULL
);

CREATE UNIQUE INDEX user_entities_name_uq ON user_entities (name);
CREATE INDEX user_credentials_user_idx ON user_credentials (user_entity_user_id);
