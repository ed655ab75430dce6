-- The inbox's counts at municipal scale (#20): open conversations per
-- team, state, channel and assignee, kept by a trigger on every change of
-- a conversation, whichever code makes it. The inbox and the navigation
-- add up these few rows (30 in the benchmark) instead of counting every
-- open conversation (100,000 there). Nobody's conversations count under
-- the nil id; the view `open_conversation_count` shows that as null, as
-- `conversation` does, so the inbox's conditions read both alike.
create table open_count (
    team_id       uuid   not null,
    status        text   not null,
    channel       text   not null,
    assignee_id   uuid   not null,
    conversations bigint not null,
    primary key (team_id, status, channel, assignee_id)
);
insert into open_count (team_id, status, channel, assignee_id, conversations)
    select team_id, status, channel, coalesce(assignee_id, '00000000-0000-0000-0000-000000000000'), count(*) from conversation where status <> 'closed'
    group by team_id, status, channel, coalesce(assignee_id, '00000000-0000-0000-0000-000000000000');

create view open_conversation_count as
    select team_id, status, channel, nullif(assignee_id, '00000000-0000-0000-0000-000000000000') as assignee_id, conversations from open_count;

create function open_count_add(t uuid, s text, c text, a uuid, delta bigint) returns void language sql as $$
    insert into open_count (team_id, status, channel, assignee_id, conversations)
    values (t, s, c, coalesce(a, '00000000-0000-0000-0000-000000000000'), delta)
    on conflict (team_id, status, channel, assignee_id) do update set conversations = open_count.conversations + excluded.conversations
$$;

-- A conversation that moves takes its old row and its new one in key
-- order, so two that move in opposite directions at once never wait on
-- each other (no deadlock).
create function conversation_count() returns trigger language plpgsql as $$
declare
    nobody constant uuid := '00000000-0000-0000-0000-000000000000';
begin
    if tg_op = 'INSERT' then
        if new.status <> 'closed' then perform open_count_add(new.team_id, new.status, new.channel, new.assignee_id, 1); end if;
    elsif tg_op = 'DELETE' then
        if old.status <> 'closed' then perform open_count_add(old.team_id, old.status, old.channel, old.assignee_id, -1); end if;
    elsif (old.team_id, old.status, old.channel, coalesce(old.assignee_id, nobody)) < (new.team_id, new.status, new.channel, coalesce(new.assignee_id, nobody)) then
        if old.status <> 'closed' then perform open_count_add(old.team_id, old.status, old.channel, old.assignee_id, -1); end if;
        if new.status <> 'closed' then perform open_count_add(new.team_id, new.status, new.channel, new.assignee_id, 1); end if;
    elsif (old.team_id, old.status, old.channel, coalesce(old.assignee_id, nobody)) > (new.team_id, new.status, new.channel, coalesce(new.assignee_id, nobody)) then
        if new.status <> 'closed' then perform open_count_add(new.team_id, new.status, new.channel, new.assignee_id, 1); end if;
        if old.status <> 'closed' then perform open_count_add(old.team_id, old.status, old.channel, old.assignee_id, -1); end if;
    end if;
    return null;
end
$$;
create trigger conversation_count after insert or delete or update of team_id, status, channel, assignee_id on conversation
    for each row execute function conversation_count();

-- The index the counts read before; the list keeps its own.
drop index conversation_open_count_idx;
