-- Validated incidents whose window spans more than one month: counted here, never spread or
-- guessed, with why they cannot be placed. Those wholly before the series starts (events of
-- earlier years mentioned in passing) are left out, like their dated neighbours.
with undated as (
    select * from validated_incidents
    where month is null and (date_end is null or date_end >= getvariable('series_start'))
),
explained as (
    select
        *,
        case
            when date_start is null then 'no date at all'
            when not dated_by_text then 'the text gives no date: only the article''s publication date'
            when date_precision in ('season', 'quarter', 'year') then 'only a season or a year is stated'
            else 'its dates straddle two months'
        end as why
    from undated
),
final as (
    select
        kind,
        region,
        why,
        count(*) as incidents,
        count(*) filter (where date_start is null) as without_any_date,
        count(*) filter (where isis_linked) as isis_linked,
        min(date_start) as earliest_start,
        max(date_end) as latest_end
    from explained
    group by all
)
select * from final
order by kind, region, incidents desc, why
