-- The articles a run validates: those ingested by runs that have not validated articles yet, every
-- article sharing their content hash (the hash must stay unique), and those held in quarantine (a fix
-- releases them).
with validated as (
    select distinct run_id from validation_runs where suite = 'articles'
),
fresh as (
    select article_id, content_hash
    from articles
    where ingested_run not in (select run_id from validated)
),
same_text as (
    select a.article_id
    from articles as a
    join fresh as f using (content_hash)
)
select article_id as row_key from fresh
union
select article_id from same_text
union
select row_key from quarantine where table_name = 'articles'
