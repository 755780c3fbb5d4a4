-- Incidents whose set of mentions changed are rebuilt; remember when each was first created.
-- Variable run_id: the run (an incident seen for the first time was created by it).
create or replace temp table touched as
with sources as (
    select incident_id, count(*) as n from incident_sources group by incident_id
),
changed as (
    select incident_id from sources
    anti join incidents using (incident_id)
    union
    select i.incident_id from incidents as i
    left join sources as s using (incident_id)
    where s.n is distinct from i.n_mentions
    union
    -- incidents that gained mentions (or absorbed others) this run: the count alone misses one that
    -- also lost a quarantined mention in the same run
    select incident_id from links
    union
    select keep from merges
)
select
    c.incident_id,
    coalesce(i.created_run, getvariable('run_id')) as created_run
from changed as c
left join incidents as i using (incident_id);

delete from incidents where incident_id in (select incident_id from touched);
