-- Two identities (BSNs) that turn out to be one person, e.g. after the
-- BRP joined two person lists: staff link them, with a reason (in the
-- processing log), and staff then see one contact history. Nothing moves:
-- each identity keeps its own rows, so undoing the link (deleting the
-- row, logged) gives back exactly what was there, and a resident never
-- sees the other identity's data because of a link. Stored once per pair,
-- the smaller id first.
create table identity_link (
    id          uuid        not null primary key,
    resident_id uuid        not null constraint identity_link_resident_fkey references resident (id),
    other_id    uuid        not null constraint identity_link_other_fkey references resident (id),
    linked_by   uuid        not null constraint identity_link_staff_fkey references staff_member (id),
    created_at  timestamptz not null,
    constraint identity_link_key unique (resident_id, other_id)
);
create index identity_link_other_idx on identity_link (other_id);
