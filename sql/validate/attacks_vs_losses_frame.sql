-- What the aggregate suite checks: the monthly model as built, every column.
select *
from attacks_vs_losses
