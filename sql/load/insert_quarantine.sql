-- Rows that failed a row-level expectation (registered as failing).
insert into quarantine by name
select * from failing
