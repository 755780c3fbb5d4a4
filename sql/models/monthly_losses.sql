-- Territorial losses of the Islamic State per month, region (core: Iraq and Syria; elsewhere), country
-- and captor.
with losses as (
    select * from validated_incidents
    where kind = 'territorial_loss' and month is not null
),
final as (
    select
        month,
        region,
        country,
        coalesce(captured_by, 'not stated') as captured_by,
        count(*) as places_lost,
        list(place order by place) as places
    from losses
    group by all
)
select * from final
order by month, region, country, captured_by
