-- Incidents with their reconciled fields, named as in the database, and what they rest on: every
-- outlet, URL and evidence sentence behind them, the strongest attribution any report makes, the
-- region (core = Iraq and Syria) and the country's name; and whether validation holds them back.
-- Needs the relation country_names(country, country_name), registered by the exporter.
with incidents as (
    select * from incidents
),
reports as (
    select
        s.incident_id,
        list(distinct a.source order by a.source) filter (where a.source is not null) as sources,
        list(distinct a.url order by a.url) filter (where a.url is not null) as urls,
        list(distinct a.external_id order by a.external_id) filter (where a.external_id is not null) as articles,
        list(s.evidence order by a.published nulls last, s.mention_id) as evidence,
        -- the strongest tie any report makes between the event and its perpetrator
        arg_max(m.attribution, case m.attribution when 'claimed' then 4 when 'attributed' then 3
                                                  when 'inspired' then 2 when 'suspected' then 1 end)
            filter (where m.attribution is not null) as attribution
    from incident_sources as s
    join articles as a using (article_id)
    join event_mentions as m using (mention_id)
    group by s.incident_id
),
final as (
    select
        i.incident_id,
        i.kind,
        i.place,
        i.country,
        coalesce(n.country_name, i.country) as country_name,
        case when i.country in ('IQ', 'SY') then 'core' else 'elsewhere' end as region,
        i.lat,
        i.lon,
        i.place_precision,
        i.date_start,
        i.date_end,
        i.date_precision,
        i.killed_best,
        i.killed_low,
        i.killed_high,
        i.injured_best,
        i.injured_low,
        i.injured_high,
        i.attack_type,
        i.perpetrator,
        r.attribution,
        i.claimed,
        i.captured_by,
        i.n_sources,
        i.n_articles,
        i.n_mentions,
        r.sources,
        r.urls,
        r.articles,
        r.evidence,
        i.first_reported,
        i.last_reported,
        i.created_run,
        i.updated_run,
        exists (select 1 from quarantine as q
                where q.table_name = 'incidents' and q.row_key = i.incident_id) as quarantined
    from incidents as i
    left join reports as r using (incident_id)
    left join country_names as n on n.country = i.country
)
select * from final
order by date_start nulls last, incident_id
