-- A batch's new articles (registered as new_rows).
insert into articles by name
select *
from new_rows
