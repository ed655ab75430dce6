-- Need to know: staff belong to teams and have a clearance, case types a
-- confidentiality level (ZGW vertrouwelijkheidaanduiding), residents the
-- few details staff find them by, and every staff processing of resident
-- data is a row in the processing log (verwerkingenlog), which nobody can
-- change or delete through Loket.
alter table staff_member add column clearance text not null default 'zaakvertrouwelijk';
alter table staff_member add column active boolean not null default true;

create table staff_team (
    staff_id blob not null constraint staff_team_staff_fkey references staff_member (id),
    team_id  blob not null constraint staff_team_team_fkey references team (id),
    constraint staff_team_pkey primary key (staff_id, team_id)
);
create index staff_team_team_idx on staff_team (team_id);

alter table case_type add column confidentiality text not null default 'zaakvertrouwelijk';

alter table resident add column name text;
alter table resident add column birth_date text;
alter table resident add column postal_code text;
alter table resident add column house_number text;
create index resident_postal_code_idx on resident (postal_code, house_number);
create index resident_name_idx on resident (lower(name), birth_date);

-- The purposes (doelen) staff process resident data for, with their legal
-- ground: the register the log rows point to. `asked`: offered when an
-- agent opens the 360-degree view without a live contact.
create table processing_purpose (
    code         text    not null primary key,
    name_nl      text    not null,
    name_en      text    not null,
    legal_ground text    not null,
    asked        boolean not null
);
insert into processing_purpose (code, name_nl, name_en, legal_ground, asked) values
    ('klantcontact', 'Je vraag of bericht beantwoorden', 'Answering your question or message', 'AVG art. 6 lid 1 sub e (publieke taak)', true),
    ('zaakbehandeling', 'Je aanvraag behandelen', 'Handling your application', 'AVG art. 6 lid 1 sub e (publieke taak)', true),
    ('terugbelverzoek', 'Je terugbelverzoek afhandelen', 'Handling your callback request', 'AVG art. 6 lid 1 sub e (publieke taak)', true),
    ('klacht', 'Je klacht behandelen', 'Handling your complaint', 'AVG art. 6 lid 1 sub c (wettelijke plicht, Awb hoofdstuk 9)', true),
    ('privacyverzoek', 'Je privacyverzoek behandelen', 'Handling your privacy request', 'AVG art. 6 lid 1 sub c (wettelijke plicht, AVG art. 12-22)', true),
    ('toestemmingenbeheer', 'Je toestemming vastleggen', 'Recording your consent', 'AVG art. 6 lid 1 sub a (toestemming)', false),
    ('identificatie', 'Vaststellen wie contact met ons opnam', 'Establishing who contacted us', 'AVG art. 6 lid 1 sub e (publieke taak)', false),
    ('verhuizing', 'Je verhuizing verwerken', 'Processing your move', 'AVG art. 6 lid 1 sub a (toestemming)', false);

create table processing_log (
    id           blob        not null primary key,
    at           text        not null,
    staff_id     blob        not null constraint processing_log_staff_fkey references staff_member (id),
    staff_role   text        not null,
    team_id      blob        constraint processing_log_team_fkey references team (id),
    resident_id  blob        not null constraint processing_log_resident_fkey references resident (id),
    category     text        not null,
    object_id    blob,
    operation    text        not null,
    purpose      text        not null constraint processing_log_purpose_fkey references processing_purpose (code),
    legal_ground text        not null,
    reason       text
);
create index processing_log_resident_idx on processing_log (resident_id, at);
create index processing_log_staff_idx on processing_log (staff_id, at);
create index processing_log_at_idx on processing_log (at);

insert into processing_log (id, at, staff_id, staff_role, team_id, resident_id, category, object_id, operation, purpose, legal_ground, reason)
select a.id, a.at, a.staff_id, coalesce(nullif(case when instr(s.roles, ' ') > 0 then substr(s.roles, 1, instr(s.roles, ' ') - 1) else s.roles end, ''), 'kcc'), null, a.resident_id,
       case when a.case_id is null then 'gesprek' else 'zaak' end, a.case_id,
       case when a.action like '%bekeken%' then 'read' else 'change' end,
       coalesce((select p.code from processing_purpose p where p.code = a.purpose), 'klantcontact'),
       coalesce((select p.legal_ground from processing_purpose p where p.code = a.purpose), 'AVG art. 6 lid 1 sub e (publieke taak)'),
       null
from access_log a join staff_member s on s.id = a.staff_id;
drop table access_log;

create trigger processing_log_no_update before update on processing_log
begin
    select raise(abort, 'processing_log is append-only');
end;
create trigger processing_log_no_delete before delete on processing_log
begin
    select raise(abort, 'processing_log is append-only');
end;
