-- What the municipality needs from the resident (to-dos) and the
-- documents of a case, uploaded by the resident or added by staff.
create table todo (
    id             uuid        not null primary key,
    case_id        uuid        not null constraint todo_case_fkey references service_case (id),
    resident_id    uuid        not null constraint todo_resident_fkey references resident (id),
    kind           text        not null,
    title_nl       text        not null,
    title_en       text        not null,
    description_nl text        not null,
    description_en text        not null,
    due_on         date        not null,
    done_at        timestamptz,
    created_at     timestamptz not null
);
create index todo_resident_idx on todo (resident_id, done_at);
create index todo_case_idx on todo (case_id);

create table document (
    id           uuid        not null primary key,
    case_id      uuid        not null constraint document_case_fkey references service_case (id),
    title        text        not null,
    file_name    text        not null,
    content_type text        not null,
    size_bytes   bigint      not null,
    storage_key  text        not null constraint document_storage_key_key unique,
    added_by     text        not null,
    created_at   timestamptz not null
);
create index document_case_idx on document (case_id);
