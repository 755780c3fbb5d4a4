-- Merges are recorded so a user can follow an id that disappeared.
create table if not exists incident_changes (
    run_id              varchar not null,
    change              varchar not null,      -- created | merged
    incident_id         varchar not null,      -- the surviving incident
    other_incident_id   varchar,               -- the one merged into it
    changed_at          timestamp not null
);
