-- Re-extraction replaces an article's mentions: first their incident links (articles in batch_ids).
delete from incident_sources
where mention_id in (
    select mention_id
    from event_mentions
    where article_id in (select article_id from batch_ids)
)
