-- The visit room (module room). Portable between H2 (PostgreSQL mode) and PostgreSQL.
-- Patient room credentials: only the SHA-256 of the cookie's token is stored; one live credential per
-- visit (a newer one revokes the older); admitted_at remembers the admission across reloads.
CREATE TABLE room_credential (
    id             UUID                     NOT NULL PRIMARY KEY,
    token_hash     VARCHAR(64)              NOT NULL,
    visit_id       UUID                     NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    participant_id UUID                     NOT NULL,
    issued_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    admitted_at    TIMESTAMP WITH TIME ZONE,
    revoked_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT room_credential_token_uq UNIQUE (token_hash)
);
CREATE INDEX room_credential_visit_idx ON room_credential (visit_id);

-- Chat messages of a visit: the text is AES-256-GCM ciphertext (keys.FieldEncryption) in the
-- patient's scope, bound to this table, column and row id. Sender ids and times are not PHI.
CREATE TABLE room_chat_message (
    id              UUID                     NOT NULL PRIMARY KEY,
    visit_id        UUID                     NOT NULL REFERENCES visit (id) ON DELETE CASCADE,
    seq             BIGINT                   NOT NULL,
    sender_id       UUID                     NOT NULL,
    sender_role     VARCHAR(16)              NOT NULL,
    sender_user_id  UUID,
    text_ciphertext BYTEA                    NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT room_chat_role_ck CHECK (sender_role IN ('CLINICIAN', 'PATIENT')),
    CONSTRAINT room_chat_seq_uq UNIQUE (visit_id, seq)
);
