-- A chunk's mentions (registered as new_mentions), stamped with the run that extracted them.
insert into event_mentions by name
select *, $run_id as run_id
from new_mentions
