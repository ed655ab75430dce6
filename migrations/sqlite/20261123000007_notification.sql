-- Notifications: the contact addresses a resident confirmed with a code,
-- and the outbox of notices waiting for delivery. A notice is written in
-- the same transaction as the change it reports, and a worker on any node
-- delivers it (claimed with a lease, retried with backoff).
create table contact_address (
    id              blob        not null primary key,
    resident_id     blob        not null constraint contact_address_resident_fkey references resident (id),
    channel         text        not null,
    address         text        not null,
    language        text        not null,
    code_hash       text,
    code_expires_at text,
    code_attempts   integer     not null,
    verified_at     text,
    created_at      text        not null,
    constraint contact_address_channel_key unique (resident_id, channel)
);

create table notification (
    id              blob        not null primary key,
    resident_id     blob        constraint notification_resident_fkey references resident (id),
    channel         text        not null,
    address         text        not null,
    language        text        not null,
    template        text        not null,
    params          text        not null,
    status          text        not null,
    attempts        integer     not null,
    next_attempt_at text        not null,
    locked_until    text,
    last_error      text,
    created_at      text        not null,
    sent_at         text
);
create index notification_due_idx on notification (status, next_attempt_at);
create index notification_resident_idx on notification (resident_id, status);
