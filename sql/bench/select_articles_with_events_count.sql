select count(distinct article_id)
from event_mentions
