-- The aggregates are being rebuilt: their previous fingerprint goes.
delete from aggregate_state
