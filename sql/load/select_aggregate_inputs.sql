-- Everything the models read, as one line per table: rows and an order-free hash of the columns read
-- (validated_incidents.sql: incidents, their links and mentions, the quarantined incidents;
-- attacks_vs_losses.sql: the articles read per month). The runs that created and last updated an incident
-- are left out: the same rows give the same fingerprint whichever runs wrote them (a run finishing a killed
-- one ends as a clean run does), and an incident whose values changed changes it anyway.
select concat_ws('|',
    (select count(*) || ':' || coalesce(bit_xor(hash(*columns(* exclude (created_run, updated_run)))), 0)
     from incidents),
    (select count(*) || ':' || coalesce(bit_xor(hash(s)), 0) from incident_sources as s),
    (select count(*) || ':' || coalesce(bit_xor(hash(mention_id, incident_id, perpetrator, attribution, date_how)), 0)
     from event_mentions),
    (select count(*) || ':' || coalesce(bit_xor(hash(row_key)), 0) from quarantine where table_name = 'incidents'),
    (select count(*) || ':' || coalesce(bit_xor(hash(article_id, published, superseded_by, names_isis)), 0)
     from articles)
) as inputs
