-- Callback requests (contactverzoeken; in Klantinteracties an interne
-- taak on a klantcontact): every request has an owner (a person, or a
-- team), a term in working hours, reminders when the term passes and an
-- escalation to a backup after three, all recorded in its history.

-- Staff get reminders by e-mail; each team has a lead, the backup of last resort.
alter table staff_member add column email text;
alter table team add column lead_id uuid constraint team_lead_fkey references staff_member (id);

-- What a request is about, with its term and the questions to ask at intake.
create table callback_type (
    id             uuid          not null primary key,
    slug           text        not null constraint callback_type_slug_key unique,
    name_nl        text        not null,
    name_en        text        not null,
    team_id        uuid          not null constraint callback_type_team_fkey references team (id),
    term_hours     bigint          not null,
    reminder_hours bigint          not null,
    questions      text        not null,
    created_at     timestamptz          not null
);

create table callback (
    id               uuid          not null primary key,
    client_id        uuid          not null constraint callback_client_key unique,
    callback_type_id uuid          not null constraint callback_type_fkey references callback_type (id),
    resident_id      uuid          constraint callback_resident_fkey references resident (id),
    conversation_id  uuid          constraint callback_conversation_fkey references conversation (id),
    phone            text        not null,
    preferred_time   text        not null,
    question         text        not null,
    answers          text        not null,
    team_id          uuid          not null constraint callback_team_fkey references team (id),
    owner_id         uuid          constraint callback_owner_fkey references staff_member (id),
    backup_id        uuid          constraint callback_backup_fkey references staff_member (id),
    status           text        not null,
    due_at           timestamptz          not null,
    reminders        bigint          not null,
    next_reminder_at timestamptz,
    escalated_at     timestamptz,
    result           text,
    created_by       uuid          constraint callback_created_by_fkey references staff_member (id),
    created_at       timestamptz          not null,
    updated_at       timestamptz          not null,
    closed_at        timestamptz
);
create index callback_due_idx on callback (status, next_reminder_at);
create index callback_owner_idx on callback (owner_id, status);
create index callback_team_idx on callback (team_id, status);
create index callback_resident_idx on callback (resident_id, status);

-- Everything that happened to a request, in order.
create table callback_event (
    id          uuid          not null primary key,
    callback_id uuid          not null constraint callback_event_callback_fkey references callback (id),
    kind        text        not null,
    staff_id    uuid          constraint callback_event_staff_fkey references staff_member (id),
    reached     boolean,
    channel     text,
    note        text,
    created_at  timestamptz          not null
);
create index callback_event_callback_idx on callback_event (callback_id, created_at);
