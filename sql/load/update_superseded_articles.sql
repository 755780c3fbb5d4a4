-- Mark the stored versions a batch's new articles replace (registered as superseded).
update articles
set superseded_by = s.superseded_by, superseded_at = s.superseded_at
from superseded as s
where articles.article_id = s.article_id
