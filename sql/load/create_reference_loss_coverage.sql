-- For each loss in the reference timeline: does the corpus report it, and did the pipeline extract it?
--   reported:  an article (current version) published 0-120 days after the loss date names the place,
--              or an alias, within 150 characters of a loss word (retake/retook, recapture, regain,
--              liberate, wrest, routed, took/won back, drove/pushed/forced/hounded ... out, lost control/
--              the battle, fall of, free/freed, oust, clear, expel, declare victory).
--              Names match case-sensitively as whole words ("Hit", not "hit"), also with a capital first
--              letter ("Al-Bab"); loss words match in any case. It says an article could state the loss,
--              not that it does: a ceiling for what extraction can find, to read before counting on it.
--   extracted: a territorial_loss mention (of a current article) at the place or an alias, in any case
--              and without accents, in the same country or none, whose whole date window lies in the
--              month of the loss, dated by the text (not `date_how = reference`, a day taken from this timeline). n_mentions_off_month counts the mentions of the place dated within
--              120 days of the loss but not inside its month (a wrong or too wide date, not a missed loss).
--   status:    extracted | reported_not_extracted | not_reported
create or replace view reference_loss_coverage as
with losses as (
    select * from reference_losses
),
spellings as (
    select loss_id, unnest(list_prepend(place, aliases)) as spelling from losses
),
names as (
    select loss_id, spelling as name from spellings
    union
    select loss_id, upper(left(spelling, 1)) || substr(spelling, 2) from spellings
),
place_patterns as (
    select
        loss_id,
        '(?:^|[^\pL\pN])(?:' || string_agg(regexp_escape(name), '|' order by name) || ')(?:[^\pL\pN]|$)' as place_re
    from names
    group by loss_id
),
loss_words as (
    select '(?i:\b(?:retak\w*|retook|recaptur\w*|regain\w*|liberat\w*|wrest\w*|routed|'
        || '(?:took|taken|take|takes|taking|won|win|wins|seized) back|'
        || '(?:drive|drives|drove|driven|driving|push|pushed|force|forced|hounded|chased|kicked|flushed)'
        || '\W+(?:\w+\W+){0,3}?out\b|'
        || '(?:lost|lose|loses|losing)\W+(?:\w+\W+){0,3}?(?:control|battle|fight|struggle|grip|hold)|'
        || 'fall of|free|freed|freeing|oust\w*|clear\w*|expel\w*|declared? victory)\b)' as loss_re
),
patterns as (
    select
        p.loss_id,
        '(?s)' || p.place_re || '.{0,150}' || w.loss_re || '|' || w.loss_re || '.{0,150}' || p.place_re as pattern
    from place_patterns as p, loss_words as w
),
current_articles as (
    select article_id, published, text from articles
    where superseded_by is null and published is not null
),
-- cheap first pass: articles in the window that contain one of the names at all
candidates as (
    select distinct l.loss_id, a.article_id, a.published
    from losses as l
    join current_articles as a
        on a.published >= l.date and a.published <= l.date + interval 120 day
    join names as n
        on n.loss_id = l.loss_id and contains(a.text, n.name)
),
reports as (
    select c.loss_id, count(*) as n_articles, min(c.published) as first_reported
    from candidates as c
    join patterns as p using (loss_id)
    join current_articles as a using (article_id)
    where regexp_matches(a.text, p.pattern)
    group by c.loss_id
),
loss_mentions as (
    select m.mention_id, m.place, m.country, m.date_start, m.date_end,
           date_trunc('month', m.date_start) = date_trunc('month', m.date_end) as one_month
    from event_mentions as m
    join articles as a using (article_id)
    where m.kind = 'territorial_loss'
      and a.superseded_by is null
      and m.place is not null
      and m.date_how is distinct from 'reference'   -- dated from this very timeline: it would measure itself
),
-- mentions of the place within 120 days either side of the loss: in its month, or dated otherwise
extractions as (
    select
        l.loss_id,
        count(distinct m.mention_id) filter (
            where m.one_month and date_trunc('month', m.date_start) = date_trunc('month', l.date)) as n_mentions,
        count(distinct m.mention_id) filter (
            where not (m.one_month and date_trunc('month', m.date_start) = date_trunc('month', l.date)))
            as n_mentions_off_month
    from losses as l
    join spellings as s
        on s.loss_id = l.loss_id
    join loss_mentions as m
        on lower(strip_accents(m.place)) = lower(strip_accents(s.spelling))
       and (m.country = l.country or m.country is null)
       and m.date_start <= l.date + interval 120 day
       and m.date_end >= l.date - interval 120 day
    group by l.loss_id
),
final as (
    select
        l.loss_id,
        l.place,
        l.country,
        l.region,
        l.date,
        l.date_precision,
        l.captured_by,
        l.captor,
        coalesce(r.n_articles, 0) > 0 as reported,
        coalesce(e.n_mentions, 0) > 0 as extracted,
        coalesce(r.n_articles, 0) as n_articles,
        r.first_reported,
        coalesce(e.n_mentions, 0) as n_mentions,
        coalesce(e.n_mentions_off_month, 0) as n_mentions_off_month,
        case
            when coalesce(e.n_mentions, 0) > 0 then 'extracted'
            when coalesce(r.n_articles, 0) > 0 then 'reported_not_extracted'
            else 'not_reported'
        end as status
    from losses as l
    left join reports as r using (loss_id)
    left join extractions as e using (loss_id)
)
select * from final
order by date, loss_id
