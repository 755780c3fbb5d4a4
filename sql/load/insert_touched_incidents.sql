-- One row per rebuilt incident, from all its mentions. Variable run_id: the run rebuilding it.
insert into incidents by name
with mentions as (
    select m.*, a.published, coalesce(a.source, 'article:' || a.article_id) as outlet
    from event_mentions as m
    join articles as a using (article_id)
    where m.incident_id in (select incident_id from touched)
),
precise as (
    -- the window every dated report agrees on
    select incident_id, max(date_start) as lo, min(date_end) as hi
    from mentions
    where date_how not in ('assumed_recent', 'missing') and date_start is not null
    group by incident_id
),
narrowest as (
    select
        incident_id,
        -- the narrowest window; of equally narrow ones (reports a day apart) the earliest, so a rebuild
        -- always picks the same
        arg_min(date_start, [date_end - date_start, date_start - date '1900-01-01']) as n_start,
        arg_min(date_end, [date_end - date_start, date_start - date '1900-01-01']) as n_end,
        arg_min(date_precision, [date_end - date_start, date_start - date '1900-01-01']) as n_precision
    from mentions
    where date_start is not null
    group by incident_id
),
summary as (
    select
        incident_id,
        any_value(kind) as kind,
        first(place order by case place_precision when 'region' then 1 when 'country' then 2 else 0 end, published)
            filter (where place is not null) as place,
        any_value(country) as country,
        first(lat order by case place_precision when 'region' then 1 when 'country' then 2 else 0 end, published)
            filter (where place is not null) as lat,
        first(lon order by case place_precision when 'region' then 1 when 'country' then 2 else 0 end, published)
            filter (where place is not null) as lon,
        first(place_precision order by case place_precision when 'region' then 1 when 'country' then 2 else 0 end,
              published) as place_precision,
        -- tolls: range of what was reported; best = the latest report (same day: the lowest)
        min(killed_low) as killed_low,
        max(killed_high) as killed_high,
        first(killed order by published desc nulls last, killed) filter (where killed is not null) as killed_best,
        min(injured_low) as injured_low,
        max(injured_high) as injured_high,
        first(injured order by published desc nulls last, injured) filter (where injured is not null) as injured_best,
        list_distinct(flatten(list(attack_type) filter (where attack_type is not null))) as attack_type,
        mode(perpetrator) as perpetrator,
        bool_or(claimed) as claimed,
        mode(captured_by) as captured_by,
        count(distinct outlet) as n_sources,
        count(distinct article_id) as n_articles,
        count(*) as n_mentions,
        min(published) as first_reported,
        max(published) as last_reported
    from mentions
    group by incident_id
),
final as (
    select
        s.*,
        case when p.lo <= p.hi then p.lo else n.n_start end as date_start,
        case when p.lo <= p.hi then p.hi else n.n_end end as date_end,
        case
            when p.lo > p.hi or p.lo is null then n.n_precision
            when p.lo = n.n_start and p.hi = n.n_end then n.n_precision
            when p.hi - p.lo = 0 then 'day'
            when p.hi - p.lo < 7 then 'week'
            when p.hi - p.lo < 31 then 'month'
            when p.hi - p.lo < 92 then 'season'
            else 'year'
        end as date_precision,
        t.created_run,
        getvariable('run_id') as updated_run
    from summary as s
    join touched as t using (incident_id)
    left join precise as p using (incident_id)
    left join narrowest as n using (incident_id)
)
select * from final
