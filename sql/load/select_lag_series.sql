-- The two monthly series the lag table compares, in month order.
select territorial_losses, attacks_abroad
from attacks_vs_losses
order by month
