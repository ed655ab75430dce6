-- Appointments of a resident with the municipality (at the counter, at home, by video).
create table appointment (
    id          blob not null primary key,
    resident_id blob not null constraint appointment_resident_fkey references resident (id),
    case_id     blob constraint appointment_case_fkey references service_case (id),
    starts_at   text not null,
    ends_at     text not null,
    place       text not null,
    subject_nl  text not null,
    subject_en  text not null,
    bring_nl    text not null,
    bring_en    text not null,
    cancelled_at text,
    created_at  text not null
);
create index appointment_resident_idx on appointment (resident_id, starts_at);
