-- An article the extractor failed on, recorded with the last line of its error.
insert into ingest_rejects (run_id, origin, external_id, reason, detail, rejected_at)
values ($run_id, 'article:' || $article_id, $article_id, 'extraction_failed', $detail, $now)
