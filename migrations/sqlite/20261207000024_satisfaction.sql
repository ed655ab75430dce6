-- Satisfaction (KTO/CSAT, #21): after a conversation closes, one question
-- on the channel it ran on (the portal, or a link by e-mail, WhatsApp or
-- SMS, where a reply with a digit counts too), at most once per person per
-- period, never to someone who said "no more questions". The score (1 to
-- 5) counts per channel, team and topic (the case type, or the team) on
-- the statistics page. The link's token is kept as its SHA-256 only.
create table satisfaction (
    id              blob    not null primary key,
    conversation_id blob    not null constraint satisfaction_conversation_key unique
                            constraint satisfaction_conversation_fkey references conversation (id) on delete cascade,
    resident_id     blob    constraint satisfaction_resident_fkey references resident (id) on delete cascade,
    address         text,
    channel         text    not null,
    team_id         blob    not null constraint satisfaction_team_fkey references team (id),
    case_type_id    blob,
    token_hash      text    not null constraint satisfaction_token_key unique,
    asked_at        text    not null,
    answered_at     text,
    score           integer
);
create index satisfaction_resident_idx on satisfaction (resident_id, asked_at);
create index satisfaction_address_idx on satisfaction (address, asked_at);
create index satisfaction_asked_idx on satisfaction (asked_at, team_id);

-- Who asked for no more questions: a resident, or an address of someone
-- Loket does not know.
create table satisfaction_refusal (
    id          blob    not null primary key,
    resident_id blob    constraint satisfaction_refusal_resident_key unique
                        constraint satisfaction_refusal_resident_fkey references resident (id) on delete cascade,
    address     text    constraint satisfaction_refusal_address_key unique,
    at          text    not null
);
