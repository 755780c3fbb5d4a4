-- The lag table computed in Python (registered as lag_rows), levels first, by lag.
create or replace table lagged_correlation as
select *
from lag_rows
order by series desc, lag_months
