-- The fingerprint of the inputs the aggregates were last built from (none before the first build).
select fingerprint
from aggregate_state
