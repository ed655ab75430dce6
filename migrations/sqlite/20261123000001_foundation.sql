-- Foundation: the municipality, its teams and its case types (ZGW zaaktype).
-- Same version, names and constraints as ../postgres; a test checks it.
create table municipality (
    id            blob    not null primary key,
    slug          text    not null constraint municipality_slug_key unique,
    name          text    not null,
    phone         text    not null,
    email         text    not null,
    visit_address text    not null,
    logo_path     text    not null,
    created_at    text    not null
);

create table team (
    id              blob not null primary key,
    municipality_id blob not null constraint team_municipality_fkey references municipality (id),
    slug            text not null,
    name_nl         text not null,
    name_en         text not null,
    created_at      text not null,
    constraint team_slug_key unique (municipality_id, slug)
);

create table case_type (
    id             blob    not null primary key,
    code           text    not null constraint case_type_code_key unique,
    name_nl        text    not null,
    name_en        text    not null,
    description_nl text    not null,
    description_en text    not null,
    lead_time_days integer not null,
    team_id        blob    not null constraint case_type_team_fkey references team (id),
    active         boolean not null,
    created_at     text    not null
);
create index case_type_team_idx on case_type (team_id);
