-- Rebuild the source links of every incident that gained mentions this run.
delete from incident_sources
where mention_id in (select mention_id from links)
   or incident_id in (select incident_id from links union select keep from merges);

insert into incident_sources
select m.incident_id, m.mention_id, m.article_id, m.evidence
from event_mentions as m
where m.incident_id in (select incident_id from links union select keep from merges);
