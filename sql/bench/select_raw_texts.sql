-- Every article's raw text: what the floor's regex pass reads.
select raw_text
from articles
