-- Cluster mode (docs/cluster.md): state that several nodes share on PostgreSQL. Unused on one node.

-- Workforce HTTP sessions (Spring Session JDBC's schema): securevisit.cluster.sessions=postgresql.
CREATE TABLE spring_session (
    primary_id CHAR(36) NOT NULL,
    session_id CHAR(36) NOT NULL,
    creation_time BIGINT NOT NULL,
    last_access_time BIGINT NOT NULL,
    max_inactive_interval INT NOT NULL,
    expiry_time BIGINT NOT NULL,
    principal_name VARCHAR(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id CHAR(36) NOT NULL,
    attribute_name VARCHAR(200) NOT NULL,
    attribute_bytes BYTEA NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);

-- Throttle counts (securevisit.cluster.throttles=postgresql): keys are SHA-256 hex, never names.
CREATE TABLE cluster_throttle (
    throttle VARCHAR(64) NOT NULL,
    key_hash CHAR(64) NOT NULL,
    state VARCHAR(64) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT cluster_throttle_pk PRIMARY KEY (throttle, key_hash)
);
CREATE INDEX cluster_throttle_expiry ON cluster_throttle (expires_at);
