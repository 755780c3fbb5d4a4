-- Mentions beside the publication date of the article that reports them.
with mentions as (
    select * from event_mentions
),
articles as (
    select article_id, published from articles
),
final as (
    select
        m.mention_id,
        m.kind,
        m.country,
        m.date_start,
        m.date_end,
        a.published as article_published,
        m.killed,
        m.killed_low,
        m.killed_high,
        m.injured,
        m.injured_low,
        m.injured_high,
        m.evidence
    from mentions as m
    join articles as a using (article_id)
)
select * from final
