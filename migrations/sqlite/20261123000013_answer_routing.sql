-- The answer library: approved answers in plain language (B1) that staff
-- insert in a reply on any channel, so every channel gives the same
-- answer. Each has an owner and a review date; past it, it is flagged.
create table answer (
    id         blob          not null primary key,
    question   text        not null,
    answer     text        not null,
    tags       text        not null,
    owner_id   blob          constraint answer_owner_fkey references staff_member (id),
    review_on  text          not null,
    created_at text          not null,
    updated_at text          not null
);

-- Routing: rules send a new conversation to a team by channel, keyword
-- or case type (the first rule that matches, by position); staff's own
-- routing decisions train the suggestion shown next to them.
create table routing_rule (
    id           blob          not null primary key,
    position     integer          not null,
    channel      text,
    keyword      text,
    case_type_id blob          constraint routing_rule_case_type_fkey references case_type (id),
    team_id      blob          not null constraint routing_rule_team_fkey references team (id),
    created_at   text          not null
);

create table routing_decision (
    id              blob          not null primary key,
    conversation_id blob          constraint routing_decision_conversation_fkey references conversation (id),
    text            text        not null,
    team_id         blob          not null constraint routing_decision_team_fkey references team (id),
    suggested_team  blob          constraint routing_decision_suggested_fkey references team (id),
    staff_id        blob          constraint routing_decision_staff_fkey references staff_member (id),
    created_at      text          not null
);
create index routing_decision_created_idx on routing_decision (created_at);
