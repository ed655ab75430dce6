-- The outbox is called what every layer calls it: notice.
alter table notification rename to notice;

-- The team that takes questions no rule routes elsewhere: a setting of the
-- municipality, not a name in the code. Existing installations keep the KCC.
alter table municipality add column general_team_id blob constraint municipality_general_team_fkey references team (id);
update municipality set general_team_id = (select id from team where team.municipality_id = municipality.id and team.slug = 'kcc');
