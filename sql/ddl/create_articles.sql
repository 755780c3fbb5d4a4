-- One row per distinct article version (identity: hash of the normalised text; versions: canonical URL).
create table if not exists articles (
    article_id          varchar primary key,   -- sha256 of the normalised text, first 16 hex digits
    external_id         varchar not null,      -- id from the metadata, else the file name without extension
    content_hash        varchar not null unique,
    source              varchar,               -- outlet (first seen; every outlet is in article_sources)
    title               varchar,
    url                 varchar,
    canonical_url       varchar,               -- url without tracking parameters, scheme, www.; null for none
    published           date,
    published_how       varchar not null,      -- metadata | html | dateline | missing
    published_raw       varchar,               -- the metadata value as given, kept when it was rejected
    origin              varchar not null,      -- file, line, feed entry or URL it was first read from
    raw_format          varchar not null default 'text',   -- text | html: what raw_text holds
    raw_text            varchar not null,      -- as read (the HTML of a page)
    -- stored uncompressed: the extract stage reads the texts of 2,000 articles at a time, by id range, and a
    -- compressed (ZSTD) column is decompressed whole for any of its rows (about 1 s a chunk on 37,500 real
    -- articles, 0.2 s uncompressed); raw_text, rarely read, stays compressed
    text                varchar not null using compression uncompressed,   -- boilerplate removed; mention offsets refer to this
    n_chars             integer not null,
    version             integer not null default 1,   -- 1 + the versions stored before it at its canonical URL
    supersedes          varchar,               -- article_id of the version it replaced
    superseded_by       varchar,               -- article_id of the newer version; its mentions leave incidents
    superseded_at       timestamp,
    ingested_run        varchar not null,
    ingested_at         timestamp not null,
    extracted_version   varchar,               -- extractor version that produced its mentions; null = not yet
    extracted_at        timestamp,
    names_isis          boolean                -- the text names ISIS (set by the aggregate stage, once per article)
);

-- databases made before `names_isis` existed gain it, null until the next aggregate stage fills it in
alter table articles add column if not exists names_isis boolean;
