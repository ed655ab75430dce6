-- One contact history per person, and the municipality's own closed days.

-- An address staff linked to a resident when they identified an unknown
-- contact (who proved who they are on the phone or at the counter): the
-- next message from it joins the resident's history. Not confirmed by the
-- resident (that is `contact_address`): nothing is ever sent to it on the
-- strength of this link alone, and the resident sees it and can remove it.
create table linked_address (
    id              blob        not null primary key,
    resident_id     blob        not null constraint linked_address_resident_fkey references resident (id),
    channel         text        not null,
    address         text        not null,
    linked_by       blob        not null constraint linked_address_staff_fkey references staff_member (id),
    created_at      text        not null,
    constraint linked_address_key unique (channel, address, resident_id)
);
create index linked_address_resident_idx on linked_address (resident_id);

-- Days the municipality is closed besides the national holidays (the day
-- after Ascension, a local holiday), set by the administrator; every term
-- in working days skips them.
create table closed_day (
    day        text        not null primary key,
    name       text        not null,
    created_by blob        not null constraint closed_day_staff_fkey references staff_member (id),
    created_at text        not null
);

-- A case page lists the conversations linked to it.
create index conversation_case_idx on conversation (case_id, updated_at);

-- Two conversations about the same matter become one: the messages of the
-- one merged move into the other (each remembers where it came from, so
-- the merge can be undone), and the one merged points to where it went.
alter table conversation add column merged_into blob constraint conversation_merged_into_fkey references conversation (id);
alter table message add column moved_from blob;
