-- Incidents created or merged by this resolve (registered as changes).
insert into incident_changes by name
select *
from changes
