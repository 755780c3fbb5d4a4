-- What attacks_vs_losses must hold, counted independently: months covered, dated attacks, dated losses
-- (of the series' period).
with dated as (
    select * from validated_incidents where in_series
)
select
    coalesce(date_diff('month', min(month), max(month)) + 1, 0) as expected_months,
    count(*) filter (where kind = 'attack') as dated_attacks,
    count(*) filter (where kind = 'territorial_loss') as dated_losses
from dated
