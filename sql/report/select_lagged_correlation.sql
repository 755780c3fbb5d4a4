-- The lag table, levels first, by lag.
select *
from lagged_correlation
order by series desc, lag_months
