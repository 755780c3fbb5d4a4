-- The pending articles of one chunk (article ids after $after up to $last), with what the extractor reads.
select article_id, text, published, title
from pending_articles($version)
where article_id > $after
  and article_id <= $last
order by article_id
