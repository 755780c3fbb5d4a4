-- Incidents merged into another are gone (their ids live on in incident_changes).
delete from incidents where incident_id in (select other from merges);
delete from incident_sources where incident_id in (select other from merges);
