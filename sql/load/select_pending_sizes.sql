-- The next pending articles after $after, with their length: the stage cuts a chunk by characters.
select article_id, coalesce(n_chars, 0) as n_chars
from pending_articles($version)
where article_id > $after
order by article_id
limit $limit
