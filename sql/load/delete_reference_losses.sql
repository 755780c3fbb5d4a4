-- Empties the reference timeline before it is loaded again from its seed (same transaction).
delete from reference_losses
