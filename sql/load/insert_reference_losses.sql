-- The reference timeline from its seed CSV ($path), read as text and typed here.
insert into reference_losses
select
    loss_id,
    place,
    case when coalesce(trim(aliases), '') = '' then []::varchar[]
         else list_transform(string_split(aliases, '|'), lambda a: trim(a)) end,
    country,
    region,
    cast(date as date),
    date_precision,
    captured_by,
    captor,
    source_url,
    nullif(note, '')
-- the header names the columns: a renamed or missing column fails here rather than load shifted values
from read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')
