-- One row per event an article reports, with the sentence it came from.
create table if not exists event_mentions (
    mention_id          varchar primary key,   -- hash of article, kind, sentence and offsets: stable across runs
    article_id          varchar not null,
    kind                varchar not null,      -- attack | territorial_loss
    -- where
    place               varchar,               -- the gazetteer's name ("Jarabulus"): one name per town across articles
    place_as_written    varchar,               -- the town as the article spells it ("Jarablus"), the gold's convention
    country             varchar,               -- ISO 3166-1 alpha-2
    lat                 double,
    lon                 double,
    place_precision     varchar,               -- landmark | city | region | country
    -- when
    date_start          date,
    date_end            date,
    date_precision      varchar,               -- day | week | month | season | quarter | year | recent
    date_how            varchar,               -- explicit | relative | narrative | scene | known | reference | recalled | assumed_recent | missing
    -- how many
    killed              integer,
    killed_low          integer,
    killed_high         integer,
    injured             integer,
    injured_low         integer,
    injured_high        integer,
    -- what and who
    attack_type         varchar[],
    perpetrator         varchar,
    attribution         varchar,               -- claimed | attributed | suspected | inspired
    claimed             boolean,
    captured_by         varchar,
    -- provenance
    evidence            varchar not null,
    sentence_index      integer not null,
    char_start          integer not null,
    char_end            integer not null,
    rule                varchar not null,      -- the rule family that fired
    support             varchar[],             -- facts read in other sentences: field@sentence_index:rule (-1: headline)
    null_reasons        varchar[],             -- field:reason for every field left null
    extractor_version   varchar not null,
    run_id              varchar not null,
    incident_id         varchar                -- set by the resolve stage
);

-- databases made before `support` existed gain it (a no-op on new ones)
alter table event_mentions add column if not exists support varchar[];
-- ... and `place_as_written`
alter table event_mentions add column if not exists place_as_written varchar;
