-- Statistics for team leads, kept by the `statistics` job from what Loket
-- records (messages, conversations), so a statistics page reads a few
-- thousand rows however long the history is.

-- Contacts per Dutch local day, team, channel and direction ('in': from
-- the resident, 'out': to them; internal notes are no contact).
create table contact_day (
    day       date    not null,
    team_id   uuid    not null constraint contact_day_team_fkey references team (id),
    channel   text    not null,
    direction text    not null,
    contacts  bigint  not null,
    primary key (day, team_id, channel, direction)
);

-- Per conversation: when the resident first wrote, how long the first
-- answer and the whole handling took in working minutes, how often the
-- resident came back while waiting (repeat contact), how often while a
-- callback request was past its term, and between which channels.
create table conversation_figure (
    conversation_id        uuid    not null primary key constraint conversation_figure_conversation_fkey references conversation (id) on delete cascade,
    team_id                uuid    not null constraint conversation_figure_team_fkey references team (id),
    channel                text    not null,
    opened_at              timestamptz not null,
    first_response_minutes bigint,
    closed_at              timestamptz,
    handling_minutes       bigint,
    contacts               bigint not null,
    repeat_contacts        bigint not null,
    repeat_overdue_callback bigint not null,
    channel_moves          text    not null
);
create index conversation_figure_opened_idx on conversation_figure (opened_at, team_id);
create index conversation_figure_closed_idx on conversation_figure (closed_at, team_id) where closed_at is not null;

-- How far the job has counted: messages and conversation changes up to
-- (at, id), a little behind the clock so that a transaction still open
-- is never passed. `round` makes the job's update conditional: of two
-- nodes counting the same batch, one commits.
create table statistics_mark (
    id               integer not null primary key,
    round            bigint not null,
    messages_at      timestamptz,
    messages_id      uuid,
    conversations_at timestamptz,
    conversations_id uuid
);
insert into statistics_mark (id, round) values (1, 0);

create index message_created_idx on message (created_at, id);
create index conversation_updated_idx on conversation (updated_at, id);
create index callback_created_idx on callback (created_at, team_id);
create index callback_conversation_idx on callback (conversation_id);
