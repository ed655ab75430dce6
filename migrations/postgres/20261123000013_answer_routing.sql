-- The answer library: approved answers in plain language (B1) that staff
-- insert in a reply on any channel, so every channel gives the same
-- answer. Each has an owner and a review date; past it, it is flagged.
create table answer (
    id         uuid          not null primary key,
    question   text        not null,
    answer     text        not null,
    tags       text        not null,
    owner_id   uuid          constraint answer_owner_fkey references staff_member (id),
    review_on  date          not null,
    created_at timestamptz          not null,
    updated_at timestamptz          not null
);

-- Routing: rules send a new conversation to a team by channel, keyword
-- or case type (the first rule that matches, by position); staff's own
-- routing decisions train the suggestion shown next to them.
create table routing_rule (
    id           uuid          not null primary key,
    position     bigint          not null,
    channel      text,
    keyword      text,
    case_type_id uuid          constraint routing_rule_case_type_fkey references case_type (id),
    team_id      uuid          not null constraint routing_rule_team_fkey references team (id),
    created_at   timestamptz          not null
);

create table routing_decision (
    id              uuid          not null primary key,
    conversation_id uuid          constraint routing_decision_conversation_fkey references conversation (id),
    text            text        not null,
    team_id         uuid          not null constraint routing_decision_team_fkey references team (id),
    suggested_team  uuid          constraint routing_decision_suggested_fkey references team (id),
    staff_id        uuid          constraint routing_decision_staff_fkey references staff_member (id),
    created_at      timestamptz          not null
);
create index routing_decision_created_idx on routing_decision (created_at);
