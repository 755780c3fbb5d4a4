-- The ids of the pending articles: which of the mentions extracted ahead by the ingest workers are still wanted.
select article_id
from pending_articles($version)
