-- One row per month over the whole covered range, no gaps: attacks abroad beside losses at home.
with dated as (
    select * from validated_incidents where month is not null
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
        count(*) filter (where region = 'abroad') as attacks_abroad,
        coalesce(sum(killed_best) filter (where region = 'abroad'), 0)::bigint as killed_abroad,
        count(*) filter (where region = 'core') as attacks_core,
        coalesce(sum(killed_best) filter (where region = 'core'), 0)::bigint as killed_core,
        count(*) filter (where region = 'abroad' and perpetrator = 'ISIS') as isis_attacks_abroad,
        count(*) as attacks_total
    from dated
    where kind = 'attack'
    group by month
),
losses as (
    select month, count(*) as territorial_losses
    from dated
    where kind = 'territorial_loss'
    group by month
),
joined as (
    select
        m.month,
        coalesce(a.attacks_abroad, 0) as attacks_abroad,
        coalesce(a.killed_abroad, 0) as killed_abroad,
        coalesce(a.isis_attacks_abroad, 0) as isis_attacks_abroad,
        coalesce(a.attacks_core, 0) as attacks_core,
        coalesce(a.killed_core, 0) as killed_core,
        coalesce(a.attacks_total, 0) as attacks_total,
        coalesce(l.territorial_losses, 0) as territorial_losses
    from months as m
    left join attacks as a using (month)
    left join losses as l using (month)
),
final as (
    select
        *,
        sum(territorial_losses) over (order by month)::bigint as cumulative_losses,
        sum(attacks_abroad) over (order by month rows between 2 preceding and current row)::bigint
            as attacks_abroad_3m,
        sum(killed_abroad) over (order by month rows between 2 preceding and current row)::bigint
            as killed_abroad_3m,
        sum(territorial_losses) over (order by month rows between 2 preceding and current row)::bigint
            as territorial_losses_3m
    from joined
)
select * from final
order by month
