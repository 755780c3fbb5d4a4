-- The charted months, oldest first.
select *
from attacks_vs_losses
order by month
