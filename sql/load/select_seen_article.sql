-- The live article a feed entry's link already gave: by its canonical URL, or as the page once fetched from it.
select article_id
from articles
where canonical_url = $canonical_url and superseded_by is null
union all
select s.article_id
from article_sources as s
join articles as a using (article_id)
where s.origin = $url and a.superseded_by is null
limit 1
