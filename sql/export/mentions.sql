-- Event mentions in the export contract of the evaluation scorer (its README: one object per mention
-- with article, kind, place, country, date_start, date_end, killed, injured, attack_type, perpetrator,
-- claimed, captured_by, incident, evidence), then every other column under its database name.
-- `article` is the article's own id (articles.external_id, what gold files use); `article_id` is its
-- content hash, the key of `articles`. `incident` is the contract's name for incident_id. `place` is the town as
-- the article spells it, as gold files write it; `place_normalised` the gazetteer's name the incidents use.
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
        coalesce(m.place_as_written, m.place) as place,
        m.country,
        m.date_start,
        m.date_end,
        m.killed,
        m.injured,
        m.attack_type,
        m.perpetrator,
        m.claimed,
        m.captured_by,
        m.incident_id as incident,
        m.evidence,
        -- the mention's other columns and its article, by their database names
        m.mention_id,
        m.article_id,
        a.title,
        a.source,
        a.url,
        a.published,
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
        m.place as place_normalised,
        m.lat,
        m.lon,
        m.place_precision,
        m.support,
        m.null_reasons,
        m.extractor_version,
        m.run_id,
        exists (select 1 from quarantine as q
                where q.table_name = 'event_mentions' and q.row_key = m.mention_id) as quarantined
    from mentions as m
    join articles as a using (article_id)
)
select * from final
order by article, sentence_index, kind
