-- The run summary's figures of the aggregates: months, ISIS attacks abroad, territorial losses, undated incidents.
select
    (select count(*) from attacks_vs_losses) as months,
    (select coalesce(sum(attacks_abroad), 0) from attacks_vs_losses) as attacks_abroad,
    (select coalesce(sum(territorial_losses), 0) from attacks_vs_losses) as territorial_losses,
    (select coalesce(sum(incidents), 0) from undated_incidents) as undated
