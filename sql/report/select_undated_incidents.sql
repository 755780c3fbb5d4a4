-- The incidents too vaguely dated to place in a month.
select *
from undated_incidents
order by kind, region
