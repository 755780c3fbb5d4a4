-- Every place an article was read from: the same story in two feeds is one article with two rows.
create table if not exists article_sources (
    article_id      varchar not null,
    origin          varchar not null,          -- file, line, feed entry or URL
    external_id     varchar,
    source          varchar,                   -- outlet as that input names it
    url             varchar,
    feed            varchar,                   -- the feed or source argument it came through
    first_run       varchar not null,
    first_seen_at   timestamp not null,
    primary key (article_id, origin)
);
