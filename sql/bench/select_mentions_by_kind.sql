select kind, count(*)
from event_mentions
group by kind
