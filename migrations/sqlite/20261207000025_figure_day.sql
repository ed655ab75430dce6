-- The statistics pages at municipal scale (#21): the statistics job keeps
-- the sums of the conversations that began on a day (Dutch local time),
-- per team, channel, the channels residents moved between within the
-- conversation, and the channel they came back from ('' when they did not
-- come back within the repeat window). A page sums a few rows per day
-- instead of every conversation of its period. Like contact_day, the sums
-- outlive the conversations retention removes.
--
-- Both day tables are read by their key only: on SQLite they are stored
-- in its order (without rowid), so a period is one range of the table.
--
-- Three sums depend on what the functional administrator sets (the first
-- answer within the channel's norm; coming back and first-contact
-- resolution within the repeat window). statistics_mark.figure_settings
-- says with which settings the days are summed; when the settings change,
-- the job sums every day again, a month per batch: figure_resum_from is
-- the first day still summed with the previous ones.
create table figure_day (
    day                     text    not null,
    team_id                 blob    not null constraint figure_day_team_fkey references team (id),
    channel                 text    not null,
    channel_moves           text    not null,
    came_from               text    not null,
    conversations           integer not null,
    answered                integer not null,
    within_norm             integer not null,
    closed                  integer not null,
    resolved_first          integer not null,
    contacts                integer not null,
    repeat_contacts         integer not null,
    repeat_overdue_callback integer not null,
    came_back               integer not null,
    came_back_overdue       integer not null,
    primary key (day, team_id, channel, channel_moves, came_from)
) without rowid;
-- And per day, team and channel how many conversations took each number
-- of working minutes to the first answer ('first_response') and to
-- closing ('handling'): the percentiles are read off these.
create table minutes_day (
    measure       text    not null,
    day           text    not null,
    team_id       blob    not null constraint minutes_day_team_fkey references team (id),
    channel       text    not null,
    minutes       integer not null,
    conversations integer not null,
    primary key (measure, day, team_id, channel, minutes)
) without rowid;
alter table statistics_mark add column figure_settings text;
alter table statistics_mark add column figure_resum_from text;

-- What the pages still read per conversation, from one index alone: whose
-- conversation it is (to count the residents who use only non-digital
-- channels). The figure keeps its resident for that, filled in here once.
alter table conversation_figure add column resident_id blob constraint conversation_figure_resident_fkey references resident (id) on delete cascade;
update conversation_figure set resident_id = (select c.resident_id from conversation c where c.id = conversation_figure.conversation_id);
drop index conversation_figure_period_idx;
create index conversation_figure_read_idx on conversation_figure (opened_at, team_id, channel, resident_id);

-- Callback requests per team in a period, from the index alone.
drop index callback_created_idx;
create index callback_created_idx on callback (created_at, team_id, status, due_at, closed_at, reminders, escalated_at);
