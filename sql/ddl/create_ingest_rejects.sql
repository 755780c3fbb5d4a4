-- Every input the ingest stage could not use, and why. Nothing is dropped without a row here.
create table if not exists ingest_rejects (
    run_id          varchar not null,
    origin          varchar not null,          -- file path, line number, feed entry or URL
    external_id     varchar,
    reason          varchar not null,          -- short code: empty | binary | too_large | bad_encoding | bad_json |
                                               -- fetch_timeout | http_error | fetch_failed | not_a_feed | ... (README)
    detail          varchar,
    rejected_at     timestamp not null
);
