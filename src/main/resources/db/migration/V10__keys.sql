-- No CHECK constraint compares strings here: H2 2.4 evaluates such checks with the session that
-- created the table, and fails once that connection is closed. kind and state are set by code only.

-- Data keys (DEKs), always stored wrapped by a key-encryption key (KEK) of the keyring.
-- name is 'field:<scope>' (one per crypto-shredding scope) or 'artifact:<object id>'.
-- A destroyed (crypto-shredded) key keeps its row as a tombstone without material, so that its
-- name is never reused and the inventory can count it.
create table keys_data_key (
    id uuid primary key,
    name varchar(300) not null,
    kind varchar(16) not null,
    scope varchar(200) not null,
    kek_version integer,
    wrapped bytea,
    created_at timestamp with time zone not null,
    destroyed_at timestamp with time zone,
    constraint keys_data_key_name unique (name),
    constraint keys_data_key_material check (
        (wrapped is not null and kek_version is not null and destroyed_at is null)
        or (wrapped is null and kek_version is null and destroyed_at is not null))
);

create index keys_data_key_scope on keys_data_key (scope);
create index keys_data_key_kek on keys_data_key (kek_version);

-- KEK rotations: re-wrapping every live data key to kek_version, with progress done/total.
create table keys_rotation (
    id uuid primary key,
    kek_version integer not null,
    state varchar(16) not null,
    total bigint not null,
    done bigint not null,
    started_at timestamp with time zone not null,
    finished_at timestamp with time zone,
    destroyed_versions varchar(200) not null
);
