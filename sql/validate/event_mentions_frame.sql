-- Mentions beside the publication date of the article that reports them, and the tolls that do not
-- fit their event: each check is a column that holds the toll when the check fails (null otherwise),
-- so the expectation that catches it names the check and quarantine keeps the value.
with mentions as (
    select * from event_mentions
),
articles as (
    select article_id, published from articles
),
number_words(word, value) as (
    -- the largest count each word can stand for ("twenty" may be twenty-nine, "dozens" ninety-nine)
    values ('one', 1), ('two', 2), ('both', 2), ('twin', 2), ('couple', 2), ('three', 3),
           ('four', 4), ('five', 5), ('six', 6), ('seven', 7), ('eight', 8), ('nine', 9), ('ten', 10),
           ('eleven', 11), ('twelve', 12), ('dozen', 12), ('thirteen', 13), ('fourteen', 14), ('fifteen', 15),
           ('sixteen', 16), ('seventeen', 17), ('eighteen', 18), ('nineteen', 19), ('several', 9), ('few', 9),
           ('handful', 9), ('twenty', 29), ('score', 29), ('thirty', 39), ('forty', 49), ('fifty', 59),
           ('sixty', 69), ('seventy', 79), ('eighty', 89), ('ninety', 99), ('dozens', 99), ('scores', 99),
           ('hundred', 199), ('hundreds', 999), ('thousand', 1999), ('thousands', 9999), ('million', 1999999),
           ('millions', 9999999)
),
words as (
    select mention_id, unnest(regexp_extract_all(lower(evidence), '[a-z]+')) as word
    from mentions
    where killed is not null
),
word_counts as (
    select w.mention_id, max(n.value) as words_max
    from words as w
    join number_words as n using (word)
    group by w.mention_id
),
figures as (
    select
        mention_id,
        -- figures written in digits, except bare years ("in 2015") and dates ("9/11")
        list_max(list_transform(
            list_filter(regexp_extract_all(evidence, '(?:^|[^\d/])(\d{1,3}(?:,\d{3})+|\d+)(?:$|[^\d/])', 1),
                        lambda x: contains(x, ',') or not (length(x) = 4 and x between '1900' and '2030')),
            lambda x: try_cast(replace(x, ',', '') as bigint))) as digits_max,
        -- "1.5 million", "3 thousand"
        regexp_matches(evidence, '\d\s*(?:million|thousand)') as scaled
    from mentions
    where killed is not null
),
stated as (
    select
        f.mention_id,
        greatest(coalesce(f.digits_max, 0) * case when f.scaled then 1000000 else 1 end,
                 coalesce(w.words_max, 0), 1) as stated_max
    from figures as f
    left join word_counts as w using (mention_id)
),
tolled as (
    select * from mentions
    where killed is not null
),
yardsticks as (
    select * from mentions
    where killed between 0 and 2000   -- a toll past the cap is no yardstick
),
other_reports as (
    -- other articles' reports of the same event: the same incident, or the same named place with
    -- overlapping narrow windows (mentions are validated before they are resolved). Two joins on equal
    -- keys, not one on either condition: a join on "a or b" compares every pair of mentions.
    select m.mention_id, o.mention_id as other_id, o.killed
    from tolled as m
    join yardsticks as o
        on o.incident_id = m.incident_id
        and o.kind = m.kind
        and o.article_id <> m.article_id
    union
    select m.mention_id, o.mention_id as other_id, o.killed
    from tolled as m
    join yardsticks as o
        on o.kind = m.kind
        and o.country = m.country
        and o.place = m.place
        and o.article_id <> m.article_id
        and o.date_start <= m.date_end + 1 and o.date_end >= m.date_start - 1
        and o.date_end - o.date_start <= 31 and m.date_end - m.date_start <= 31
),
others as (
    select mention_id, max(killed) as others_max, count(*) as others_n
    from other_reports
    group by mention_id
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
        m.evidence,
        -- a year read as a toll ("killed in 2015"), unless written as a count ("2,015")
        case when m.killed between 1900 and 2030 and not contains(m.evidence, format('{:,}', m.killed))
             then m.killed end as killed_reads_as_a_year,
        -- "9/11" read as 911 dead
        case when m.killed in (911, 711, 311) then m.killed end as killed_is_a_famous_number,
        -- more dead than the sentence states, no other report says as many, and no other sentence of the
        -- article is named as its source (`support`: "killed@7:known.orlando-2016-06-12", "killed@-1:headline")
        case when m.killed > s.stated_max and coalesce(o.others_max, 0) < m.killed * 0.9
                  and len(list_filter(coalesce(m.support, []), lambda x: starts_with(x, 'killed@'))) = 0
             then m.killed end as killed_beyond_its_sentence,
        -- far above every other report of the event (tolls rise as bodies are counted, but not fivefold)
        case when o.others_n >= 1 and m.killed > 5 * o.others_max + 10
             then m.killed end as killed_far_from_other_reports
    from mentions as m
    join articles as a using (article_id)
    left join stated as s using (mention_id)
    left join others as o using (mention_id)
)
select * from final
