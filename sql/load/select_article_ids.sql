-- Every stored article's id: the ingest workers do not extract ahead a text read again.
select article_id
from articles
