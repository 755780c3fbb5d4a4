-- What resolving needs of the incidents the new reports could join: same kind and country and a
-- window overlapping a report's, or a day off it (`report_windows`, registered by the caller; see
-- SLACK_DAYS). Other incidents cannot take a report or be merged by one, so a refresh reads its
-- neighbourhood, not the whole table.
with reachable as (
    select distinct i.incident_id
    from incidents as i
    join report_windows as r
        on i.kind = r.kind
        and i.country = r.country
        and i.date_start <= r.date_end + 1
        and i.date_end >= r.date_start - 1
)
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
join reachable using (incident_id)
left join event_mentions as m using (incident_id)
group by all
order by i.date_start, i.incident_id   -- a stable order: candidates are merged in it
