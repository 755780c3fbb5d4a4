-- Mentions not yet tied to an incident, narrowest date first: precise reports open incidents,
-- vaguer ones then join them where they fit.
select
    mention_id,
    kind,
    country,
    place,
    date_start,
    date_end,
    date_how
from event_mentions
where incident_id is null
  and mention_id not in (select row_key from quarantine where table_name = 'event_mentions')
  and article_id not in (select row_key from quarantine where table_name = 'articles')
order by
    coalesce(date_end - date_start, 100000),
    date_start nulls last,
    mention_id
