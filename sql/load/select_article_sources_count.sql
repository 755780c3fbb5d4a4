-- How many inputs are recorded: counted before and after a batch's links, the difference is what it added.
select count(*)
from article_sources
