-- Every staff access to a resident's data, with its purpose (verwerkingenlog,
-- after Logboek Dataverwerkingen). Append-only; the resident can see it.
create table access_log (
    id          blob not null primary key,
    staff_id    blob not null constraint access_log_staff_fkey references staff_member (id),
    resident_id blob not null constraint access_log_resident_fkey references resident (id),
    purpose     text not null,
    action      text not null,
    case_id     blob constraint access_log_case_fkey references service_case (id),
    at          text not null
);
create index access_log_resident_idx on access_log (resident_id, at);
