-- When each suite last checked every row (null: never).
select suite, max(validated_at) as last_full
from validation_runs
where scope = 'all'
group by suite
