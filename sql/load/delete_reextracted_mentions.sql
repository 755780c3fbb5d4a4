-- Re-extraction replaces an article's mentions instead of adding to them (articles in batch_ids).
delete from event_mentions
where article_id in (select article_id from batch_ids)
