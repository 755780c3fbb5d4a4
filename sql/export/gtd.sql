-- Attacks in the shape of the Global Terrorism Database (its column names and codes), so they load beside
-- a GTD download. As in the GTD, a month or day that is not known is 0 and `approxdate` gives the window;
-- nkill and nwound stay empty when no toll is reported; claimed is 1, 0, or -9 when unknown.
-- specificity: 1 a town or landmark, 3 a region, 4 a country. scite1..3: the first three reports (URL, else outlet).
-- Reads the view export_incidents (sql/export/incidents.sql), made by the exporter.
with incidents as (
    select * from export_incidents
),
attacks as (
    select *, coalesce(attack_type, []) as types
    from incidents
    where kind = 'attack' and date_start is not null
),
final as (
    select
        incident_id as eventid,
        year(date_start) as iyear,
        case when date_trunc('month', date_start) = date_trunc('month', date_end) then month(date_start) else 0
            end as imonth,
        case when date_start = date_end then day(date_start) else 0 end as iday,
        case when date_start <> date_end then strftime(date_start, '%Y-%m-%d') || ' to '
                                              || strftime(date_end, '%Y-%m-%d') end as approxdate,
        0 as extended,
        country_name as country_txt,
        case when place_precision = 'region' then place end as provstate,
        case when place_precision not in ('region', 'country') then place end as city,
        lat as latitude,
        lon as longitude,
        case place_precision when 'region' then 3 when 'country' then 4 else 1 end as specificity,
        array_to_string(evidence, ' ') as summary,
        case
            when list_has_any(types, ['bombing', 'suicide_bombing', 'aircraft_bombing']) then 'Bombing/Explosion'
            when list_contains(types, 'hostage_taking') then 'Hostage Taking (Kidnapping)'
            when list_has_any(types, ['shooting', 'stabbing', 'beheading']) then 'Armed Assault'
            when list_contains(types, 'vehicle_ramming') then 'Unarmed Assault'
            else 'Unknown'
        end as attacktype1_txt,
        case
            when list_has_any(types, ['bombing', 'suicide_bombing', 'aircraft_bombing']) then 'Explosives'
            when list_contains(types, 'shooting') then 'Firearms'
            when list_has_any(types, ['stabbing', 'beheading']) then 'Melee'
            when list_contains(types, 'vehicle_ramming') then 'Vehicle (not to include vehicle-borne explosives)'
            else 'Unknown'
        end as weaptype1_txt,
        case when list_contains(types, 'suicide_bombing') then 1 else 0 end as suicide,
        coalesce(perpetrator, 'Unknown') as gname,
        case when claimed then 1 when claimed = false then 0 else -9 end as claimed,
        killed_best as nkill,
        injured_best as nwound,
        coalesce(urls[1], sources[1]) as scite1,
        coalesce(urls[2], sources[2]) as scite2,
        coalesce(urls[3], sources[3]) as scite3,
        'attrition' as dbsource
    from attacks
)
select * from final
order by iyear, imonth, iday, eventid
