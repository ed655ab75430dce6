-- Cases (ZGW zaak) with their status types (ZGW statustype) and the
-- status history that makes the resident's timeline.
create table status_type (
    id             blob    not null primary key,
    case_type_id   blob    not null constraint status_type_case_type_fkey references case_type (id),
    sequence       integer not null,
    name_nl        text    not null,
    name_en        text    not null,
    explanation_nl text    not null,
    explanation_en text    not null,
    is_final       boolean not null,
    constraint status_type_sequence_key unique (case_type_id, sequence)
);

create table service_case (
    id                   blob not null primary key,
    reference            text not null constraint service_case_reference_key unique,
    case_type_id         blob not null constraint service_case_case_type_fkey references case_type (id),
    resident_id          blob not null constraint service_case_resident_fkey references resident (id),
    started_on           text not null,
    expected_decision_on text,
    closed_at            text,
    created_at           text not null,
    updated_at           text not null
);
create index service_case_resident_idx on service_case (resident_id, updated_at);

create table case_status (
    id             blob not null primary key,
    case_id        blob not null constraint case_status_case_fkey references service_case (id),
    status_type_id blob not null constraint case_status_status_type_fkey references status_type (id),
    reached_at     text not null,
    constraint case_status_step_key unique (case_id, status_type_id)
);
create index case_status_case_idx on case_status (case_id);
