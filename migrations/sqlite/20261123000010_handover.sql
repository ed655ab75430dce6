-- Secure hand-over: a one-time link that brings a conversation from an
-- open channel into Mijn omgeving, after DigiD login. Only a hash of the
-- token is stored.
create table handover (
    token_hash      text        not null primary key,
    conversation_id blob        not null constraint handover_conversation_fkey references conversation (id),
    expires_at      text        not null,
    used_at         text,
    created_at      text        not null
);
create index handover_conversation_idx on handover (conversation_id);
