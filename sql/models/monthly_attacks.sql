-- Attacks per month, region and country, with tolls and attack types.
with attacks as (
    select * from validated_incidents
    where kind = 'attack' and month is not null
),
final as (
    select
        month,
        region,
        country,
        -- counts
        count(*) as incidents,
        coalesce(sum(killed_best), 0)::bigint as killed,
        coalesce(sum(injured_best), 0)::bigint as injured,
        count(*) filter (where killed_best is null) as incidents_without_toll,
        -- by attack type (an incident of several types counts under each)
        count(*) filter (where list_contains(attack_type, 'bombing')) as bombing,
        count(*) filter (where list_contains(attack_type, 'suicide_bombing')) as suicide_bombing,
        count(*) filter (where list_contains(attack_type, 'shooting')) as shooting,
        count(*) filter (where list_contains(attack_type, 'stabbing')) as stabbing,
        count(*) filter (where list_contains(attack_type, 'vehicle_ramming')) as vehicle_ramming,
        count(*) filter (where list_contains(attack_type, 'hostage_taking')) as hostage_taking,
        count(*) filter (where list_contains(attack_type, 'aircraft_bombing')) as aircraft_bombing,
        count(*) filter (where attack_type is null or len(attack_type) = 0) as type_unknown,
        -- by perpetrator
        count(*) filter (where perpetrator = 'ISIS') as by_isis,
        count(*) filter (where isis_linked) as isis_linked
    from attacks
    group by all
)
select * from final
order by month, region, country
