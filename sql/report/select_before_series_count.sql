-- Incidents dated to a month before the series starts (mentioned in passing): kept, not counted.
select count(*)
from validated_incidents
where month is not null and not in_series
