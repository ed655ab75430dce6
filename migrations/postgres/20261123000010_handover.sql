-- Secure hand-over: a one-time link that brings a conversation from an
-- open channel into Mijn omgeving, after DigiD login. Only a hash of the
-- token is stored.
create table handover (
    token_hash      text        not null primary key,
    conversation_id uuid        not null constraint handover_conversation_fkey references conversation (id),
    expires_at      timestamptz not null,
    used_at         timestamptz,
    created_at      timestamptz not null
);
create index handover_conversation_idx on handover (conversation_id);
