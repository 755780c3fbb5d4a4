-- The incidents counted in the series, each with its first $per_incident evidence sentences and sources.
with counted as (
    select * from validated_incidents
    where in_series and ((kind = 'attack' and isis_linked and region = 'elsewhere')
                         or kind = 'territorial_loss')
),
reports as (
    select s.incident_id, s.evidence, a.source, a.url, a.title, a.published,
           case when m.perpetrator = 'ISIS' then m.attribution end as ties_to_isis,
           -- the sentences that tie the attack to ISIS first: the reader checks the link
           row_number() over (partition by s.incident_id
                              order by (m.perpetrator = 'ISIS' and m.attribution is not null) desc,
                                       a.published, s.mention_id) as k
    from incident_sources as s
    join event_mentions as m using (mention_id)
    join articles as a on a.article_id = s.article_id
    where s.incident_id in (select incident_id from counted)
)
select c.incident_id, c.month, c.kind, c.region, c.place, c.country, c.date_start, c.date_end,
       c.killed_best, c.isis_attribution, c.captured_by, c.n_articles,
       list({'evidence': r.evidence, 'source': r.source, 'url': r.url, 'title': r.title,
             'published': r.published, 'ties_to_isis': r.ties_to_isis} order by r.k)
           filter (where r.k <= $per_incident) as reports
from counted as c
left join reports as r using (incident_id)
group by all
order by c.month, c.kind, c.date_start, c.place
