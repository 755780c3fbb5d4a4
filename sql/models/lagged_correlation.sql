-- Do losses lead attacks abroad? Correlation of losses in month t with attacks abroad in t + lag.
with series as (
    select month, territorial_losses, attacks_abroad, row_number() over (order by month) as t
    from attacks_vs_losses
),
lags as (
    select unnest(range(0, 7)) as lag
),
pairs as (
    select l.lag, s.territorial_losses as losses, later.attacks_abroad as attacks
    from lags as l
    join series as s on true
    join series as later on later.t = s.t + l.lag
),
ranked as (
    select
        lag,
        losses,
        attacks,
        -- average ranks for ties, as Spearman's coefficient wants
        rank() over (partition by lag order by losses)
            + (count(*) over (partition by lag, losses) - 1) / 2.0 as losses_rank,
        rank() over (partition by lag order by attacks)
            + (count(*) over (partition by lag, attacks) - 1) / 2.0 as attacks_rank
    from pairs
),
final as (
    select
        lag as lag_months,
        count(*) as n,
        corr(losses, attacks) as pearson,
        corr(losses_rank, attacks_rank) as spearman
    from ranked
    group by lag
)
select * from final
order by lag_months
