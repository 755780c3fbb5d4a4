-- Tie each resolved mention to its incident, then move mentions of merged incidents to the survivor.
update event_mentions
set incident_id = links.incident_id
from links
where event_mentions.mention_id = links.mention_id;

update event_mentions
set incident_id = merges.keep
from merges
where event_mentions.incident_id = merges.other;
