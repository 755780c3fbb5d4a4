-- Incidents that passed validation, with at least one mention that passed too; the month they
-- count in when their whole window lies inside one month (otherwise they are undated here); how
-- strongly their reports tie them to ISIS; and whether they fall in the series' period.
-- Variables: isis_attributions (the attribution strengths that make an attack ISIS's), series_start.
with incidents as (
    select * from incidents
),
held_incidents as (
    select row_key as incident_id from quarantine where table_name = 'incidents'
),
live_mentions as (
    select m.incident_id, m.perpetrator, m.attribution, m.date_how
    from incident_sources as s
    join event_mentions as m using (mention_id)
),
links as (
    select
        incident_id,
        -- the strongest tie any report makes between the attack and ISIS
        arg_max(attribution, case attribution when 'claimed' then 4 when 'attributed' then 3
                                              when 'inspired' then 2 when 'suspected' then 1 end)
            filter (where perpetrator = 'ISIS' and attribution is not null) as isis_attribution,
        bool_or(date_how not in ('assumed_recent', 'missing')) as dated_by_text
    from live_mentions
    group by incident_id
),
final as (
    select
        i.*,
        case when i.country in ('IQ', 'SY') then 'core' else 'elsewhere' end as region,
        case
            when date_trunc('month', i.date_start) = date_trunc('month', i.date_end)
                then date_trunc('month', i.date_start)::date
        end as month,
        l.isis_attribution,
        coalesce(list_contains(getvariable('isis_attributions'), l.isis_attribution), false) as isis_linked,
        coalesce(l.dated_by_text, false) as dated_by_text
    from incidents as i
    join links as l using (incident_id)
    where i.incident_id not in (select incident_id from held_incidents)
),
in_period as (
    select *, coalesce(month >= getvariable('series_start'), false) as in_series
    from final
)
select * from in_period
