-- One row per distinct article (identity: hash of the normalised text).
create table if not exists articles (
    article_id          varchar primary key,   -- sha256 of the normalised text, first 16 hex digits
    external_id         varchar not null,      -- id from the metadata, else the file name without extension
    content_hash        varchar not null unique,
    source              varchar,               -- outlet
    title               varchar,
    url                 varchar,
    published           date,
    published_how       varchar not null,      -- metadata | html | dateline | missing
    published_raw       varchar,               -- the metadata value as given, kept when it was rejected
    origin              varchar not null,      -- file or feed it was read from
    raw_text            varchar not null,
    text                varchar not null,      -- boilerplate removed; mention offsets refer to this
    n_chars             integer not null,
    ingested_run        varchar not null,
    ingested_at         timestamp not null,
    extracted_version   varchar,               -- extractor version that produced its mentions; null = not yet
    extracted_at        timestamp
);
