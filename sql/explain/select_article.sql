-- The newest version of an article, by its external id, its content id or a prefix of that.
select article_id, text, published, title
from articles
where external_id = $a or article_id = $a or article_id like $a || '%'
order by superseded_by is null desc, version desc
limit 1
