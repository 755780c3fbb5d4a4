-- Validated incidents whose window spans more than one month: counted here, never spread or guessed.
with undated as (
    select * from validated_incidents where month is null
),
final as (
    select
        kind,
        region,
        count(*) as incidents,
        count(*) filter (where date_start is null) as without_any_date,
        min(date_start) as earliest_start,
        max(date_end) as latest_end
    from undated
    group by all
)
select * from final
order by kind, region
