select kind, count(*)
from incidents
group by kind
