-- What resolving needs of the existing incidents in the given countries: kind, places, window.
select
    i.incident_id,
    i.kind,
    i.country,
    list(distinct m.place) filter (where m.place is not null and m.place_precision <> 'region') as places,
    i.date_start,
    i.date_end,
    -- dated by a report, not only assumed from a publication date (such a window can still move)
    coalesce(bool_or(m.date_how not in ('assumed_recent', 'missing') and m.date_start is not null), false)
        as precise,
    list(distinct m.place) filter (where m.place_precision = 'region') as regions,
    list_distinct(flatten(list(m.attack_type) filter (where m.attack_type is not null))) as attack_types
from incidents as i
left join event_mentions as m using (incident_id)
where i.country in (select unnest(?::varchar[]))
group by all
