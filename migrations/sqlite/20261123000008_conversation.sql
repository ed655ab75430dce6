-- Conversations: one thread per question, continued on any channel. In
-- Klantinteracties terms each message is a klantcontact (with its kanaal),
-- the resident its betrokkene, and a linked case its onderwerpobject.
create table conversation (
    id          blob        not null primary key,
    resident_id blob        constraint conversation_resident_fkey references resident (id),
    subject     text        not null,
    case_id     blob        constraint conversation_case_fkey references service_case (id),
    status      text        not null,
    team_id     blob        not null constraint conversation_team_fkey references team (id),
    assignee_id blob        constraint conversation_assignee_fkey references staff_member (id),
    channel     text        not null,
    result      text,
    created_at  text        not null,
    updated_at  text        not null,
    closed_at   text
);
create index conversation_resident_idx on conversation (resident_id, updated_at);
create index conversation_queue_idx on conversation (status, updated_at);

create table message (
    id              blob        not null primary key,
    conversation_id blob        not null constraint message_conversation_fkey references conversation (id),
    client_id       blob        not null constraint message_client_key unique,
    channel         text        not null,
    direction       text        not null,
    staff_id        blob        constraint message_staff_fkey references staff_member (id),
    body            text        not null,
    created_at      text        not null
);
create index message_conversation_idx on message (conversation_id, created_at);

create table message_attachment (
    id           blob        not null primary key,
    message_id   blob        not null constraint message_attachment_message_fkey references message (id),
    file_name    text        not null,
    content_type text        not null,
    size_bytes   integer     not null,
    storage_key  text        not null constraint message_attachment_storage_key_key unique,
    created_at   text        not null
);
create index message_attachment_message_idx on message_attachment (message_id);
