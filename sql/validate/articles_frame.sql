-- What the articles suite checks: identity, text length, publication date and how it was obtained.
select
    article_id,
    content_hash,
    length(text) as text_chars,
    published,
    published_how
from articles
