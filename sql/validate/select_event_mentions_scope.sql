-- The mentions a run validates: those extracted by runs that have not validated mentions yet, the
-- other reports their tolls are compared with (the same incident, or the same place and window: see
-- event_mentions_frame.sql), and those held in quarantine (a fix releases them).
with validated as (
    select distinct run_id from validation_runs where suite = 'event_mentions'
),
fresh as (
    select *
    from event_mentions
    where run_id not in (select run_id from validated)
),
other_reports as (
    -- two joins on equal keys, not one on either condition (which compares every pair)
    select o.mention_id
    from event_mentions as o
    join fresh as m
        on o.incident_id = m.incident_id
        and o.kind = m.kind
        and o.article_id <> m.article_id
    union
    select o.mention_id
    from event_mentions as o
    join fresh as m
        on o.kind = m.kind
        and o.country = m.country
        and o.place = m.place
        and o.article_id <> m.article_id
        and o.date_start <= m.date_end + 1 and o.date_end >= m.date_start - 1
)
select mention_id as row_key from fresh
union
select mention_id from other_reports
union
select row_key from quarantine where table_name = 'event_mentions'
