-- The live (not superseded) article at each canonical URL of a batch (registered as candidate_urls), with its version.
select a.canonical_url, a.article_id, a.version
from articles as a
join candidate_urls using (canonical_url)
where a.superseded_by is null
