-- The reference losses from $start up to (not including) $end: the charted period.
select place, country, region, date, captured_by, source_url
from reference_losses
where date >= $start and date < $end
order by date, place
