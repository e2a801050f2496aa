-- Patients (patient module). No plaintext PHI column: every demographic field is AES-256-GCM
-- ciphertext from the keys module's FieldEncryption (scope patient:<id>, bound to table, column and
-- row id); finding and searching use keyed blind indexes (HMAC-SHA256, 32 bytes, keys held by the
-- keys module), which reveal equality only.
create table patient (
    id uuid primary key,
    mrn_enc bytea not null,
    full_name_enc bytea not null,
    date_of_birth_enc bytea not null,
    address_enc bytea,
    phone_enc bytea,
    email_enc bytea,
    insurance_id_enc bytea,
    -- blind index of the normalised MRN (purpose patient.mrn): find by MRN, one patient per MRN
    mrn_index bytea not null,
    -- blind index of the ISO date of birth (purpose patient.date-of-birth)
    dob_index bytea not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint patient_mrn_index unique (mrn_index)
);

create index patient_dob_index on patient (dob_index);

-- One row per distinct normalised word of the full name (purpose patient.name-word).
create table patient_name_word (
    patient_id uuid not null references patient (id),
    word_index bytea not null,
    constraint patient_name_word_pk primary key (patient_id, word_index)
);

create index patient_name_word_index on patient_name_word (word_index);
