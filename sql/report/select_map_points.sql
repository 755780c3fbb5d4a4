-- Incidents from $start up to (not including) $end with coordinates: those counted in the series, and
-- the undated ones that start in the period.
select place, country, kind, region, isis_linked, date_start, date_end, killed_best, n_articles, lat, lon
from validated_incidents
where lat is not null and lon is not null
  and (in_series or (month is null and date_start >= $start and date_end < $end))
order by date_start
