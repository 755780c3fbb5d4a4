-- Mentions not yet tied to an incident, narrowest date first: precise reports open incidents,
-- vaguer ones then join them where they fit.
select
    mention_id,
    kind,
    country,
    place,
    date_start,
    date_end,
    date_how,
    place_precision,
    attack_type
from event_mentions
where incident_id is null
  and mention_id not in (select row_key from quarantine where table_name = 'event_mentions')
  and article_id not in (select row_key from quarantine where table_name = 'articles')
  -- an older version of an article at the same URL: its newer version's mentions count instead
  and article_id not in (select article_id from articles where superseded_by is not null)
order by
    coalesce(date_end - date_start, 100000),
    date_start nulls last,
    mention_id
