-- Event mentions in the export contract of the evaluation scorer, plus provenance for analysts.
with mentions as (
    select * from event_mentions
),
articles as (
    select article_id, external_id, title, source, url, published from articles
),
final as (
    select
        -- the contract
        a.external_id as article,
        m.kind,
        m.place,
        m.country,
        strftime(m.date_start, '%Y-%m-%d') as date_start,
        strftime(m.date_end, '%Y-%m-%d') as date_end,
        m.killed,
        m.injured,
        m.attack_type,
        m.perpetrator,
        m.claimed,
        m.captured_by,
        m.incident_id as incident,
        m.evidence,
        -- provenance and detail
        m.mention_id,
        m.article_id,
        a.title as article_title,
        a.source as article_source,
        a.url as article_url,
        strftime(a.published, '%Y-%m-%d') as article_published,
        m.sentence_index,
        m.char_start,
        m.char_end,
        m.rule,
        m.attribution,
        m.date_precision,
        m.date_how,
        m.killed_low,
        m.killed_high,
        m.injured_low,
        m.injured_high,
        m.lat,
        m.lon,
        m.place_precision,
        m.null_reasons,
        m.extractor_version,
        exists (select 1 from quarantine as q
                where q.table_name = 'event_mentions' and q.row_key = m.mention_id) as quarantined
    from mentions as m
    join articles as a using (article_id)
)
select * from final
order by article, sentence_index, kind
