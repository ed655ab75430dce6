-- Loket's own events (a new contact, a callback request created or
-- closed, a consent changed), to publish as Notificaties on kanaal
-- `loket`. Written in the transaction of the change, so none is lost or
-- sent for a change that rolled back; removed once the Notificaties API
-- took it. With no Notificaties API to publish to, they are dropped.
create table publication (
    id          blob        not null primary key,
    -- `klantcontact`, `internetaak` or `partij`: the Klantinteracties resource.
    resource    text        not null,
    resource_id blob        not null,
    -- `create` or `partial_update`.
    actie       text        not null,
    -- A JSON object of strings, without personal data.
    kenmerken   text        not null,
    created_at  text        not null,
    due_at      text        not null,
    -- Claimed by a node until then.
    lease_until text,
    attempts    integer     not null
);
create index publication_due_idx on publication (due_at);
