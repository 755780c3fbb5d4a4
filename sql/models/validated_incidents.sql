-- Incidents that passed validation, with at least one mention that passed too; the month they
-- count in when their whole window lies inside one month (otherwise they are undated here).
with incidents as (
    select * from incidents
),
held_incidents as (
    select row_key as incident_id from quarantine where table_name = 'incidents'
),
live_sources as (
    select distinct incident_id from incident_sources
),
final as (
    select
        i.*,
        case when i.country in ('IQ', 'SY') then 'core' else 'abroad' end as region,
        case
            when date_trunc('month', i.date_start) = date_trunc('month', i.date_end)
                then date_trunc('month', i.date_start)::date
        end as month
    from incidents as i
    where i.incident_id not in (select incident_id from held_incidents)
      and i.incident_id in (select incident_id from live_sources)
)
select * from final
