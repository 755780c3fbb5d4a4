-- Every mention validation holds back, with the sentence it came from, its article and the reasons:
-- the expectations it broke and the values that broke them (quarantine.row_key is the mention_id).
-- A view: it shows the current rows of both tables, whatever run made them.
create view if not exists quarantined_mentions as
with held as (
    select row_key as mention_id, expectations, offending_values, run_id as quarantined_run, quarantined_at
    from quarantine
    where table_name = 'event_mentions'
),
final as (
    select
        h.mention_id,
        h.expectations,
        h.offending_values,
        m.evidence,
        m.kind,
        m.place,
        m.country,
        m.date_start,
        m.date_end,
        m.killed,
        m.injured,
        m.perpetrator,
        m.rule,
        m.article_id,
        a.external_id,
        a.title,
        a.source,
        a.url,
        a.published,
        h.quarantined_run,
        h.quarantined_at
    from held as h
    join event_mentions as m using (mention_id)
    left join articles as a using (article_id)
)
select * from final
