-- How many articles the extract stage has to read.
select count(*)
from pending_articles($version)
