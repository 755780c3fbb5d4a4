-- Mentions linked to ISIS: every territorial loss (its losses), and the events reports name it the perpetrator of.
select count(*)
from event_mentions
where kind = 'territorial_loss' or perpetrator = 'ISIS'
