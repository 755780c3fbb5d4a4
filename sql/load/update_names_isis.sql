-- Whether each article's text names ISIS, for the articles not yet read (an article's text never changes:
-- its id is the hash of its text): the coverage of attacks_vs_losses counts them, and a refresh reads
-- only its new articles instead of every text in the database. After changing this pattern, set
-- names_isis to null on every article to read them all again.
update articles
set names_isis = regexp_matches(text, '\bISIS\b|\bISIL\b|Islamic State|\bDaesh\b')
where names_isis is null
