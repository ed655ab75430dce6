-- Channel steering (#21): service norms, cost per product per channel,
-- repeat contact across conversations and first-contact resolution.

-- How long a caller waited in the queue before an agent took the call,
-- when the telephony platform says when the call entered the queue.
alter table phone_call add column queued_seconds bigint;
create index phone_call_started_idx on phone_call (started_at);

-- Contacts per day, team, product and channel: the product is the case
-- type of the conversation's case, or the nil id when it has none (then
-- the team it was routed to is the topic). Phone calls add their talk
-- time. Counted again from the first message (the job restarts).
drop table contact_day;
create table contact_day (
    day          date    not null,
    team_id      uuid    not null constraint contact_day_team_fkey references team (id),
    case_type_id uuid    not null,
    channel      text    not null,
    direction    text    not null,
    contacts     bigint not null,
    talk_seconds bigint not null,
    primary key (day, team_id, case_type_id, channel, direction)
);
update statistics_mark set messages_at = null, messages_id = null;

-- A conversation's neighbours: the resident's conversation before and
-- after it about the same matter (the same case; without a case, the same
-- team). Minutes between the previous one's last contact and this one's
-- first, with the channel the resident came from and whether a callback
-- request of the previous one was then past its term; minutes between this
-- one's closing and the next one's first contact. The page applies the
-- repeat window to these, so a new window needs no counting again.
alter table conversation_figure add column previous_gap_minutes bigint;
alter table conversation_figure add column previous_channel text;
alter table conversation_figure add column previous_overdue boolean not null default false;
alter table conversation_figure add column next_gap_minutes bigint;

-- Per channel, what the functional administrator sets: the service norm
-- (first answer within so many working minutes; a call answered within
-- so many seconds in the queue) and the cost of a contact and of a minute
-- of talk, in euro cents. Empty: none set.
create table channel_setting (
    channel            text    not null primary key,
    response_minutes   bigint,
    queue_seconds      bigint,
    contact_cents      bigint,
    minute_cents       bigint,
    updated_by         uuid    constraint channel_setting_staff_fkey references staff_member (id),
    updated_at         timestamptz
);
-- The norms municipalities publish (Tilburg, Nissewaard): calls within
-- 30 seconds, written questions within 2 working days (of 8.5 hours),
-- social and chat within 4 working hours.
insert into channel_setting (channel, response_minutes, queue_seconds) values
    ('phone', null, 30), ('email', 1020, null), ('portal', 1020, null), ('whatsapp', 240, null), ('sms', 240, null), ('counter', null, null), ('letter', null, null);

-- The repeat window: a resident who comes back about the same matter
-- within so many days after their previous contact makes a repeat contact.
create table statistics_setting (
    id                 integer not null primary key,
    repeat_window_days bigint not null,
    updated_by         uuid    constraint statistics_setting_staff_fkey references staff_member (id),
    updated_at         timestamptz
);
insert into statistics_setting (id, repeat_window_days) values (1, 7);

-- The statistics pages sum the conversations that began in a period: one
-- index holds every column they read, in the order of the period, so the
-- sums read the index only (on the benchmark's 1,000,000 figures, four
-- weeks: 0.12 s instead of 0.41 s on SQLite); with the conversation's id
-- last, and the conversation's resident beside its id, the count of
-- residents per channel use needs no table either.
drop index conversation_figure_opened_idx;
create index conversation_figure_period_idx on conversation_figure (opened_at, team_id, channel, channel_moves, previous_gap_minutes, previous_channel,
    first_response_minutes, closed_at, next_gap_minutes, contacts, repeat_contacts, repeat_overdue_callback, previous_overdue, handling_minutes, conversation_id);
create index conversation_resident_of_idx on conversation (id, resident_id);
