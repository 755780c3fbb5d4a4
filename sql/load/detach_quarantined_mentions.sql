-- Mentions held in quarantine, or whose article is, or whose article was superseded by a newer
-- version at the same URL, leave their incidents (until released, for quarantine);
-- the resolve stage rebuilds the incidents they left.
create or replace temp table held as
select mention_id
from event_mentions
where mention_id in (select row_key from quarantine where table_name = 'event_mentions')
   or article_id in (select row_key from quarantine where table_name = 'articles')
   or article_id in (select article_id from articles where superseded_by is not null);

delete from incident_sources where mention_id in (select mention_id from held);

update event_mentions
set incident_id = null
where incident_id is not null
  and mention_id in (select mention_id from held);
