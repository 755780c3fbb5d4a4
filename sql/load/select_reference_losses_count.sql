-- How many reference losses the seed gave.
select count(*)
from reference_losses
