-- One row per real-world event, resolved from the mentions of many articles.
create table if not exists incidents (
    incident_id         varchar primary key,   -- stable: derived from the first mention that opened it
    kind                varchar not null,
    place               varchar,
    country             varchar,
    lat                 double,
    lon                 double,
    place_precision     varchar,
    date_start          date,
    date_end            date,
    date_precision      varchar,
    killed_low          integer,
    killed_high         integer,
    killed_best         integer,
    injured_low         integer,
    injured_high        integer,
    injured_best        integer,
    attack_type         varchar[],
    perpetrator         varchar,
    claimed             boolean,
    captured_by         varchar,
    n_sources           integer not null,      -- distinct outlets
    n_articles          integer not null,
    n_mentions          integer not null,
    first_reported      date,
    last_reported       date,
    created_run         varchar not null,
    updated_run         varchar not null
);
