-- Lists and counts at municipal scale, each read from an index that holds
-- only what is still open (most conversations and callback requests are
-- closed), so no row of the table itself is visited for a count.
-- The inbox in waiting order, and its counts per team, channel, state and assignee:
create index conversation_open_idx on conversation (updated_at, id) where status <> 'closed';
create index conversation_open_count_idx on conversation (team_id, channel, status, assignee_id) where status <> 'closed';
-- Open conversations by who has them (the navigation's "mine" and "nobody's yet"):
create index conversation_open_assignee_idx on conversation (assignee_id, team_id, status) where status <> 'closed';
-- The navigation's counts of callback requests: mine, my teams', overdue, escalated.
create index callback_open_count_idx on callback (status, team_id, owner_id, backup_id, created_by, due_at, escalated_at) where status = 'open';
