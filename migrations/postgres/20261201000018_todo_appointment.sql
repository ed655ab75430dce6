-- Every kind of to-do can be done, and appointments are made, not only
-- seeded: what a to-do asks (choices, an amount, a product to book), how
-- it was done (an answer, a payment, an appointment), and the
-- municipality's appointment products, locations and opening hours.

-- Where residents come for an appointment.
create table appointment_location (
    id         uuid        not null primary key,
    code       text        not null constraint appointment_location_code_key unique,
    name       text        not null,
    address    text        not null,
    created_at timestamptz not null
);

-- What a resident can book (a passport, a talk about income), how long it
-- takes, what to bring, and the team that sees its bookings and cancellations.
create table appointment_product (
    id         uuid        not null primary key,
    code       text        not null constraint appointment_product_code_key unique,
    name_nl    text        not null,
    name_en    text        not null,
    minutes    bigint     not null,
    bring_nl   text        not null,
    bring_en   text        not null,
    team_id    uuid        not null constraint appointment_product_team_fkey references team (id),
    created_at timestamptz not null
);

-- When a product can be booked at a location: per weekday (1 = Monday),
-- from `opens` to `closes` (minutes after midnight, Dutch local time),
-- with `desks` appointments at the same time.
create table appointment_hours (
    product_id  uuid    not null constraint appointment_hours_product_fkey references appointment_product (id),
    location_id uuid    not null constraint appointment_hours_location_fkey references appointment_location (id),
    weekday     bigint not null,
    opens       bigint not null,
    closes      bigint not null,
    desks       bigint not null,
    constraint appointment_hours_pkey primary key (product_id, location_id, weekday)
);

alter table appointment add column product_id uuid constraint appointment_product_fkey references appointment_product (id);
alter table appointment add column location_id uuid constraint appointment_location_fkey references appointment_location (id);
-- Which desk of the slot: two bookings of the last desk at once cannot both win.
alter table appointment add column desk bigint;
-- Who cancelled: 'resident' or 'staff'.
alter table appointment add column cancelled_by text;
alter table appointment add column moved_at timestamptz;
create unique index appointment_desk_key on appointment (product_id, location_id, starts_at, desk) where cancelled_at is null;
create index appointment_product_idx on appointment (product_id, starts_at);

-- An answer to-do offers `choices` (one per line; empty: free text); a
-- pay to-do asks `amount_cents`; an appointment to-do books `product_id`.
alter table todo add column choices text not null default '';
alter table todo add column amount_cents bigint;
alter table todo add column product_id uuid constraint todo_product_fkey references appointment_product (id);
-- How it was done: the resident's answer, or the appointment they booked.
alter table todo add column answer text;
alter table todo add column appointment_id uuid constraint todo_appointment_fkey references appointment (id);
-- The staff member who asked it (null: the system or the demo).
alter table todo add column created_by uuid constraint todo_created_by_fkey references staff_member (id);
-- The one reminder after the deadline passed.
alter table todo add column reminded_at timestamptz;
create index todo_due_idx on todo (due_on) where done_at is null and reminded_at is null;
-- The booking's reference in an external appointment system (null: the local one).
alter table appointment add column external_ref text;

-- A resident's payment for a pay to-do, as the payment provider reports
-- it: 'open' until the provider says 'paid', 'failed', 'cancelled' or
-- 'expired' (its webhook only says that something changed; the status
-- is always asked of the provider).
create table payment (
    id           uuid        not null primary key,
    todo_id      uuid        not null constraint payment_todo_fkey references todo (id),
    resident_id  uuid        not null constraint payment_resident_fkey references resident (id),
    amount_cents bigint      not null,
    provider     text        not null,
    reference    text        not null constraint payment_reference_key unique,
    status       text        not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index payment_todo_idx on payment (todo_id);

-- The local test provider's own bookkeeping (development and tests only):
-- what a real provider keeps on its side.
create table test_payment (
    reference    text        not null primary key,
    amount_cents bigint      not null,
    description  text        not null,
    return_url   text        not null,
    webhook_url  text        not null,
    status       text        not null,
    created_at   timestamptz not null
);

-- Making and following appointments is a purpose of its own in the processing log.
insert into processing_purpose (code, name_nl, name_en, legal_ground, asked) values
    ('afspraakbeheer', 'Je afspraak maken en voorbereiden', 'Making and preparing your appointment', 'AVG art. 6 lid 1 sub e (publieke taak)', false);
