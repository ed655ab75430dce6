-- Privacy by design: the resident's "download al mijn gegevens", retention
-- terms (bewaartermijnen) with the reports of every purge, and the
-- requests for correction or objection that go to staff with a term.

-- One requested download: made by a job part by part (the page shows
-- progress), then kept in document storage until `expires_at`: a JSON
-- file, a readable page and (when there are any) the documents and
-- attachments in one archive.
create table data_export (
    id            uuid        not null primary key,
    resident_id   uuid        not null constraint data_export_resident_fkey references resident (id),
    status        text        not null,
    done_parts    bigint      not null,
    total_parts   bigint      not null,
    language      text        not null,
    json_key      text,
    html_key      text,
    files_key     text,
    requested_at  timestamptz not null,
    ready_at      timestamptz,
    expires_at    timestamptz,
    downloaded_at timestamptz,
    lease_until   timestamptz
);
create index data_export_resident_idx on data_export (resident_id, requested_at);
create index data_export_status_idx on data_export (status, requested_at);

-- Years after closing that a closed case of this type is kept; null: not
-- set (kept, and the administrator's page says so).
alter table case_type add column retention_years bigint;

-- The terms of what has no case type: conversations without a case,
-- callback requests, the processing log, sent notices.
create table retention_term (
    category   text        not null primary key,
    years      bigint      not null,
    updated_by uuid        constraint retention_term_staff_fkey references staff_member (id),
    updated_at timestamptz not null
);

-- Every purge and every dry run: counts per category, no personal data.
create table retention_run (
    id       uuid        not null primary key,
    at       timestamptz not null,
    dry_run  boolean     not null,
    counts   text        not null,
    staff_id uuid        constraint retention_run_staff_fkey references staff_member (id)
);
create index retention_run_at_idx on retention_run (at);

-- The processing log stays append-only, except for rows past their own
-- term while the retention job holds a permit (inside its transaction).
create table retention_permit (
    before timestamptz not null
);
create or replace function processing_log_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if exists (select 1 from retention_permit p where old.at < p.before) then
            return old;
        end if;
    end if;
    raise exception 'processing_log is append-only';
end;
$$;

-- A correction Loket cannot make itself, or an objection to a processing
-- (AVG art. 16 and 21): staff handle it within its term.
create table privacy_request (
    id          uuid        not null primary key,
    resident_id uuid        not null constraint privacy_request_resident_fkey references resident (id),
    kind        text        not null,
    purpose     text        constraint privacy_request_purpose_fkey references processing_purpose (code),
    body        text        not null,
    status      text        not null,
    due_at      timestamptz not null,
    answer      text,
    handled_by  uuid        constraint privacy_request_staff_fkey references staff_member (id),
    created_at  timestamptz not null,
    closed_at   timestamptz
);
create index privacy_request_resident_idx on privacy_request (resident_id, created_at);
create index privacy_request_status_idx on privacy_request (status, due_at);
