-- Incidents as resolved: ids, windows and reconciled tolls.
select
    incident_id,
    kind,
    country,
    date_start,
    date_end,
    killed_low,
    killed_high,
    killed_best,
    injured_low,
    injured_high,
    injured_best,
    n_mentions
from incidents
