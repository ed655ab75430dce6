-- The inbox at municipal scale: the open conversations in waiting order,
-- and their counts per team, channel, state and assignee, each read from
-- an index that holds only the open ones (most conversations are closed).
create index conversation_open_idx on conversation (updated_at, id) where status <> 'closed';
create index conversation_open_count_idx on conversation (team_id, channel, status, assignee_id) where status <> 'closed';
