-- Callback requests (contactverzoeken; in Klantinteracties an interne
-- taak on a klantcontact): every request has an owner (a person, or a
-- team), a term in working hours, reminders when the term passes and an
-- escalation to a backup after three, all recorded in its history.

-- Staff get reminders by e-mail; each team has a lead, the backup of last resort.
alter table staff_member add column email text;
alter table team add column lead_id blob constraint team_lead_fkey references staff_member (id);

-- What a request is about, with its term and the questions to ask at intake.
create table callback_type (
    id             blob          not null primary key,
    slug           text        not null constraint callback_type_slug_key unique,
    name_nl        text        not null,
    name_en        text        not null,
    team_id        blob          not null constraint callback_type_team_fkey references team (id),
    term_hours     integer          not null,
    reminder_hours integer          not null,
    questions      text        not null,
    created_at     text          not null
);

create table callback (
    id               blob          not null primary key,
    client_id        blob          not null constraint callback_client_key unique,
    callback_type_id blob          not null constraint callback_type_fkey references callback_type (id),
    resident_id      blob          constraint callback_resident_fkey references resident (id),
    conversation_id  blob          constraint callback_conversation_fkey references conversation (id),
    phone            text        not null,
    preferred_time   text        not null,
    question         text        not null,
    answers          text        not null,
    team_id          blob          not null constraint callback_team_fkey references team (id),
    owner_id         blob          constraint callback_owner_fkey references staff_member (id),
    backup_id        blob          constraint callback_backup_fkey references staff_member (id),
    status           text        not null,
    due_at           text          not null,
    reminders        integer          not null,
    next_reminder_at text,
    escalated_at     text,
    result           text,
    created_by       blob          constraint callback_created_by_fkey references staff_member (id),
    created_at       text          not null,
    updated_at       text          not null,
    closed_at        text
);
create index callback_due_idx on callback (status, next_reminder_at);
create index callback_owner_idx on callback (owner_id, status);
create index callback_team_idx on callback (team_id, status);
create index callback_resident_idx on callback (resident_id, status);

-- Everything that happened to a request, in order.
create table callback_event (
    id          blob          not null primary key,
    callback_id blob          not null constraint callback_event_callback_fkey references callback (id),
    kind        text        not null,
    staff_id    blob          constraint callback_event_staff_fkey references staff_member (id),
    reached     integer,
    channel     text,
    note        text,
    created_at  text          not null
);
create index callback_event_callback_idx on callback_event (callback_id, created_at);
