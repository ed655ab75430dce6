-- Appointments of a resident with the municipality (at the counter, at home, by video).
create table appointment (
    id          uuid        not null primary key,
    resident_id uuid        not null constraint appointment_resident_fkey references resident (id),
    case_id     uuid        constraint appointment_case_fkey references service_case (id),
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    place       text        not null,
    subject_nl  text        not null,
    subject_en  text        not null,
    bring_nl    text        not null,
    bring_en    text        not null,
    cancelled_at timestamptz,
    created_at  timestamptz not null
);
create index appointment_resident_idx on appointment (resident_id, starts_at);
