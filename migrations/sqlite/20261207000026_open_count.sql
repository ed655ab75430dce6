-- The inbox's counts at municipal scale (#20): open conversations per
-- team, state, channel and assignee, kept by triggers on every change of
-- a conversation, whichever code makes it. The inbox and the navigation
-- add up these few rows (30 in the benchmark) instead of counting every
-- open conversation (100,000 there: 230 ms a page on SQLite). Nobody's
-- conversations count under the nil id; the view `open_conversation_count`
-- shows that as null, as `conversation` does, so the inbox's conditions
-- read both alike.
create table open_count (
    team_id       blob    not null,
    status        text    not null,
    channel       text    not null,
    assignee_id   blob    not null,
    conversations integer not null,
    primary key (team_id, status, channel, assignee_id)
);
insert into open_count (team_id, status, channel, assignee_id, conversations)
    select team_id, status, channel, coalesce(assignee_id, zeroblob(16)), count(*) from conversation where status <> 'closed'
    group by team_id, status, channel, coalesce(assignee_id, zeroblob(16));

create view open_conversation_count as
    select team_id, status, channel, nullif(assignee_id, zeroblob(16)) as assignee_id, conversations from open_count;

create trigger conversation_count_insert after insert on conversation when new.status <> 'closed'
begin
    insert or ignore into open_count values (new.team_id, new.status, new.channel, coalesce(new.assignee_id, zeroblob(16)), 0);
    update open_count set conversations = conversations + 1
        where team_id = new.team_id and status = new.status and channel = new.channel and assignee_id = coalesce(new.assignee_id, zeroblob(16));
end;

create trigger conversation_count_update after update of team_id, status, channel, assignee_id on conversation
begin
    update open_count set conversations = conversations - 1
        where old.status <> 'closed' and team_id = old.team_id and status = old.status and channel = old.channel
          and assignee_id = coalesce(old.assignee_id, zeroblob(16));
    insert or ignore into open_count select new.team_id, new.status, new.channel, coalesce(new.assignee_id, zeroblob(16)), 0 where new.status <> 'closed';
    update open_count set conversations = conversations + 1
        where new.status <> 'closed' and team_id = new.team_id and status = new.status and channel = new.channel
          and assignee_id = coalesce(new.assignee_id, zeroblob(16));
end;

create trigger conversation_count_delete after delete on conversation when old.status <> 'closed'
begin
    update open_count set conversations = conversations - 1
        where team_id = old.team_id and status = old.status and channel = old.channel and assignee_id = coalesce(old.assignee_id, zeroblob(16));
end;

-- The index the counts read before; the list keeps its own.
drop index conversation_open_count_idx;
