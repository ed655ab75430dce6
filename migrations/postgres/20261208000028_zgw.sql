-- Cases from the municipality's ZGW case system (Zaken, Catalogi,
-- Documenten API). Loket keeps a local copy of each resident's cases in
-- the same tables as its own, so pages never wait for the case system:
-- a row that came from there carries the URL it has there (`zgw_url`).
-- Which rows to fetch again is queued (`case_refresh`, `case_import`) and
-- claimed with a lease, so two nodes never fetch one thing at once.
alter table case_type add column zgw_url text;
create unique index case_type_zgw_url_key on case_type (zgw_url);
alter table status_type add column zgw_url text;
create unique index status_type_zgw_url_key on status_type (zgw_url);
alter table service_case add column zgw_url text;
create unique index service_case_zgw_url_key on service_case (zgw_url);
-- A case more confidential than its type (ZGW sets it per case): staff
-- need clearance for the stricter of the two; null: the type's.
alter table service_case add column confidentiality text;
-- When the copy was last fetched; the reconciliation takes the oldest first.
alter table service_case add column refreshed_at timestamptz;
create index service_case_refreshed_idx on service_case (refreshed_at) where zgw_url is not null;
-- A document kept in the Documenten API: its enkelvoudiginformatieobject.
-- Its contents are streamed from there; `storage_key` is then unused (the row's id).
alter table document add column zgw_url text;
create unique index document_zgw_url_key on document (zgw_url);

-- Cases to fetch again: a notification named them, or the reconciliation
-- found them oldest. One row per case however often it was named.
create table case_refresh (
    zgw_url     text        not null primary key,
    due_at      timestamptz not null,
    -- The claim: who fetches it (a token) until when. Named again while
    -- being fetched (`again`), it stays queued after that fetch.
    lease_until timestamptz,
    claim_token uuid,
    again       boolean     not null,
    attempts    bigint      not null,
    created_at  timestamptz not null
);
create index case_refresh_due_idx on case_refresh (due_at);

-- Each resident's cases as found by BSN: fetched after a login when the
-- last fetch is older than a day, and by the reconciliation.
create table case_import (
    resident_id uuid        not null primary key constraint case_import_resident_fkey references resident (id),
    due_at      timestamptz,
    lease_until timestamptz,
    imported_at timestamptz,
    failed_at   timestamptz,
    attempts    bigint      not null
);
create index case_import_due_idx on case_import (due_at) where due_at is not null;
