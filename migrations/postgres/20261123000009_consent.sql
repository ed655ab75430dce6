-- Consent: purposes with versioned texts, and the append-only history of
-- grants and revocations per resident (the current state is the latest
-- event). Relocations (address changes from the population register)
-- wait here until a worker acts on them, consent checked at that moment.
create table consent_purpose (
    id         uuid        not null primary key,
    code       text        not null constraint consent_purpose_code_key unique,
    created_at timestamptz not null
);

create table consent_text (
    id         uuid        not null primary key,
    purpose_id uuid        not null constraint consent_text_purpose_fkey references consent_purpose (id),
    version    bigint      not null,
    name_nl    text        not null,
    name_en    text        not null,
    text_nl    text        not null,
    text_en    text        not null,
    staff_id   uuid        constraint consent_text_staff_fkey references staff_member (id),
    created_at timestamptz not null,
    constraint consent_text_version_key unique (purpose_id, version)
);

create table consent_event (
    id          uuid        not null primary key,
    resident_id uuid        not null constraint consent_event_resident_fkey references resident (id),
    purpose_id  uuid        not null constraint consent_event_purpose_fkey references consent_purpose (id),
    text_id     uuid        not null constraint consent_event_text_fkey references consent_text (id),
    sequence    bigint      not null,
    granted     boolean     not null,
    channel     text        not null,
    staff_id    uuid        constraint consent_event_staff_fkey references staff_member (id),
    at          timestamptz not null,
    constraint consent_event_sequence_key unique (resident_id, purpose_id, sequence)
);

create table relocation (
    id           uuid        not null primary key,
    resident_id  uuid        not null constraint relocation_resident_fkey references resident (id),
    new_address  text        not null,
    status       text        not null,
    outcome      text,
    created_at   timestamptz not null,
    processed_at timestamptz
);
create index relocation_status_idx on relocation (status, created_at);
