-- The articles the extract stage still has to read (a table macro of this connection): not extracted
-- by this extractor version, nor failed by it, and not an older version of an article (its newer one
-- is extracted).
create or replace temp macro pending_articles(version) as table
select *
from articles
where extracted_version is distinct from version
  and extracted_version is distinct from 'failed:' || version
  and superseded_by is null
