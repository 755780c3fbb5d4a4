-- Mark each article of a chunk extracted by this version, or failed by it (registered as marks).
update articles
set extracted_version = marks.version, extracted_at = $now
from marks
where articles.article_id = marks.article_id
