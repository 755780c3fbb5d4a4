-- Is the article at this URL stored: by its canonical URL, or as the page once fetched from it?
select 1
from articles
where canonical_url = $canonical_url
union all
select 1
from article_sources
where origin = $url
limit 1
