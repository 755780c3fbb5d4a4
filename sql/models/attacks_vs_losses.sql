-- One row per month of the ISIS period (from the series start, or the first dated event after it,
-- to the last), no gaps: ISIS attacks abroad beside territorial losses in the core and elsewhere,
-- with the news coverage the events were read from.
with dated as (
    select * from validated_incidents where in_series
),
bounds as (
    select min(month) as first_month, max(month) as last_month from dated
),
months as (
    select unnest(generate_series(first_month, last_month, interval 1 month))::date as month
    from bounds
    where first_month is not null
),
attacks as (
    select
        month,
        -- the measure: attacks that reports tie to ISIS (see isis_attributions)
        count(*) filter (where region = 'elsewhere' and isis_linked) as attacks_abroad,
        coalesce(sum(killed_best) filter (where region = 'elsewhere' and isis_linked), 0)::bigint as killed_abroad,
        count(*) filter (where region = 'core' and isis_linked) as attacks_core,
        coalesce(sum(killed_best) filter (where region = 'core' and isis_linked), 0)::bigint as killed_core,
        -- context: every attack abroad the news reported, by anyone
        count(*) filter (where region = 'elsewhere') as attacks_abroad_any_perpetrator,
        count(*) as attacks_total
    from dated
    where kind = 'attack'
    group by month
),
losses as (
    select
        month,
        count(*) as territorial_losses,
        count(*) filter (where region = 'core') as losses_core,
        count(*) filter (where region = 'elsewhere') as losses_elsewhere
    from dated
    where kind = 'territorial_loss'
    group by month
),
coverage as (
    -- articles read per month, and those naming ISIS: events extracted from news rise with the news
    select
        date_trunc('month', published)::date as month,
        count(*) as articles,
        count(*) filter (where names_isis) as isis_articles   -- see load/update_names_isis.sql
    from articles
    where superseded_by is null and published is not null
    group by all
),
joined as (
    select
        m.month,
        coalesce(a.attacks_abroad, 0) as attacks_abroad,
        coalesce(a.killed_abroad, 0) as killed_abroad,
        coalesce(a.attacks_core, 0) as attacks_core,
        coalesce(a.killed_core, 0) as killed_core,
        coalesce(a.attacks_abroad_any_perpetrator, 0) as attacks_abroad_any_perpetrator,
        coalesce(a.attacks_total, 0) as attacks_total,
        coalesce(l.territorial_losses, 0) as territorial_losses,
        coalesce(l.losses_core, 0) as losses_core,
        coalesce(l.losses_elsewhere, 0) as losses_elsewhere,
        coalesce(c.articles, 0) as articles,
        coalesce(c.isis_articles, 0) as isis_articles
    from months as m
    left join attacks as a using (month)
    left join losses as l using (month)
    left join coverage as c using (month)
),
final as (
    select
        *,
        case when isis_articles > 0 then round(100.0 * attacks_abroad / isis_articles, 2) end
            as attacks_abroad_per_100_isis_articles,
        sum(territorial_losses) over (order by month)::bigint as cumulative_losses,
        sum(attacks_abroad) over (order by month rows between 2 preceding and current row)::bigint
            as attacks_abroad_3m,
        sum(killed_abroad) over (order by month rows between 2 preceding and current row)::bigint
            as killed_abroad_3m,
        sum(territorial_losses) over (order by month rows between 2 preceding and current row)::bigint
            as territorial_losses_3m,
        sum(losses_core) over (order by month rows between 2 preceding and current row)::bigint
            as losses_core_3m
    from joined
)
select * from final
order by month
