-- Incidents with their reconciled fields and whether validation holds them back.
with incidents as (
    select * from incidents
),
final as (
    select
        i.incident_id as incident,
        i.kind,
        i.place,
        i.country,
        strftime(i.date_start, '%Y-%m-%d') as date_start,
        strftime(i.date_end, '%Y-%m-%d') as date_end,
        i.date_precision,
        i.killed_best as killed,
        i.killed_low,
        i.killed_high,
        i.injured_best as injured,
        i.injured_low,
        i.injured_high,
        i.attack_type,
        i.perpetrator,
        i.claimed,
        i.captured_by,
        i.lat,
        i.lon,
        i.place_precision,
        i.n_sources,
        i.n_articles,
        i.n_mentions,
        strftime(i.first_reported, '%Y-%m-%d') as first_reported,
        strftime(i.last_reported, '%Y-%m-%d') as last_reported,
        exists (select 1 from quarantine as q
                where q.table_name = 'incidents' and q.row_key = i.incident_id) as quarantined
    from incidents as i
)
select * from final
order by date_start nulls last, incident
