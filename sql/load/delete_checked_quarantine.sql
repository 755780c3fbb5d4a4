-- A validation of the changed rows replaces the quarantine of the rows it checked (validated_keys),
-- and drops that of rows gone from their table (re-extracted mentions, merged incidents).
delete from quarantine
where table_name = $table
  and (row_key in (select row_key from validated_keys)
       or (table_name = 'articles' and row_key not in (select article_id from articles))
       or (table_name = 'event_mentions' and row_key not in (select mention_id from event_mentions))
       or (table_name = 'incidents' and row_key not in (select incident_id from incidents)))
