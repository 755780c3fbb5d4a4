-- Rows held in quarantine, by any run: all are kept out of the numbers.
select count(*)
from quarantine
