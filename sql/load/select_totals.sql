-- What the database holds, for the run summary.
select
    (select count(*) from articles) as articles,
    (select count(*) from event_mentions) as mentions,
    (select count(*) from incidents) as incidents,
    (select count(*) from quarantine) as quarantined,
    (select count(*) from ingest_rejects) as rejects
