-- Login: residents (keyed by an internal id; the BSN is stored once, here),
-- staff members, and the server-side sessions of tower-sessions.
create table resident (
    id            uuid        not null primary key,
    bsn           text        not null constraint resident_bsn_key unique,
    created_at    timestamptz not null,
    last_login_at timestamptz
);

create table staff_member (
    id            uuid        not null primary key,
    subject       text        not null constraint staff_member_subject_key unique,
    name          text        not null,
    roles         text        not null,
    created_at    timestamptz not null,
    last_login_at timestamptz not null
);

-- Shape required by tower-sessions-sqlx-store.
create table session (
    id          text        not null primary key,
    data        bytea       not null,
    expiry_date timestamptz not null
);
create index session_expiry_idx on session (expiry_date);
