-- Every mention behind an incident, with its article and evidence sentence.
create table if not exists incident_sources (
    incident_id         varchar not null,
    mention_id          varchar not null primary key,
    article_id          varchar not null,
    evidence            varchar not null
);
