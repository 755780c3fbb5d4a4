-- Incidents in the shape of ACLED's event data (its column names, codes and conventions), so they load
-- beside an ACLED download. ACLED dates an event to a day, a week (time_precision 2) or a month (3):
-- incidents dated more loosely than a month are left out, as ACLED would not code them. Fatalities
-- follow ACLED: 0 when no toll is reported. geo_precision: 1 a town or landmark, 2 a region, 3 a country.
-- Reads the view export_incidents (sql/export/incidents.sql) and country_names(country, country_name,
-- iso_numeric), made by the exporter.
with incidents as (
    select * from export_incidents
),
coded as (
    select
        *,
        coalesce(attack_type, []) as types,
        date_end - date_start as window_days
    from incidents
    where date_start is not null and date_end is not null and date_end - date_start <= 31
),
typed as (
    select
        *,
        case
            when kind = 'territorial_loss' then 'Battles'
            when list_has_any(types, ['bombing', 'suicide_bombing', 'aircraft_bombing'])
                then 'Explosions/Remote violence'
            else 'Violence against civilians'
        end as event_type,
        case
            when kind = 'territorial_loss' then
                case when captured_by in ('Iraqi forces', 'Syrian army', 'pro-government forces', 'coalition')
                          or captured_by similar to '(Libyan|Afghan|Nigerian|Philippine|Filipino|Egyptian|Lebanese|'
                                                    'Russian|American|U\.S\.) .*'
                     then 'Government regains territory'
                     else 'Non-state actor overtakes territory' end
            when list_contains(types, 'suicide_bombing') then 'Suicide bomb'
            -- aircraft_bombing is a bomb on board an aircraft, not an air strike
            when list_has_any(types, ['bombing', 'aircraft_bombing']) then 'Remote explosive/landmine/IED'
            when list_contains(types, 'hostage_taking') then 'Abduction/forced disappearance'
            else 'Attack'
        end as sub_event_type
    from coded
),
final as (
    select
        incident_id as event_id_cnty,
        date_start as event_date,
        year(date_start) as year,
        case when window_days = 0 then 1 when window_days <= 7 then 2 else 3 end as time_precision,
        'Political violence' as disorder_type,
        event_type,
        sub_event_type,
        case when kind = 'territorial_loss' then coalesce(captured_by, 'Unidentified Armed Group')
             else coalesce(perpetrator, 'Unidentified Armed Group (' || country_name || ')') end as actor1,
        case when kind = 'territorial_loss' then 'ISIS'
             when event_type = 'Violence against civilians' then 'Civilians (' || country_name || ')' end as actor2,
        case when event_type = 'Violence against civilians' then 'Civilian targeting' end as civilian_targeting,
        (select n.iso_numeric from country_names as n where n.country = typed.country) as iso,
        country_name as country,
        case when place_precision = 'region' then place end as admin1,
        case when place_precision <> 'country' then place end as location,
        lat as latitude,
        lon as longitude,
        case place_precision when 'region' then 2 when 'country' then 3 else 1 end as geo_precision,
        array_to_string(sources, '; ') as source,
        case when n_sources > 1 then 'Other-National' else 'National' end as source_scale,
        array_to_string(evidence, ' ') as notes,
        coalesce(killed_best, 0) as fatalities,
        'attrition; ' || coalesce(attribution, 'no attribution') || '; ' || n_articles || ' articles'
            || case when quarantined then '; quarantined' else '' end as tags
    from typed
)
select * from final
order by event_date, event_id_cnty
