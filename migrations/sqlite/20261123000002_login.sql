-- Login: residents (keyed by an internal id; the BSN is stored once, here),
-- staff members, and the server-side sessions of tower-sessions.
create table resident (
    id            blob not null primary key,
    bsn           text not null constraint resident_bsn_key unique,
    created_at    text not null,
    last_login_at text
);

create table staff_member (
    id            blob not null primary key,
    subject       text not null constraint staff_member_subject_key unique,
    name          text not null,
    roles         text not null,
    created_at    text not null,
    last_login_at text not null
);

-- Shape required by tower-sessions-sqlx-store.
create table session (
    id          text    not null primary key,
    data        blob    not null,
    expiry_date integer not null
);
create index session_expiry_idx on session (expiry_date);
