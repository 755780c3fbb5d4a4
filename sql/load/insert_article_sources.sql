-- A batch's inputs (registered as new_links), each article and origin once; an input already recorded stays.
insert or ignore into article_sources by name
select distinct on (article_id, origin) *
from new_links
