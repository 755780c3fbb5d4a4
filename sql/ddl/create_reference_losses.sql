-- One row per territorial loss of the Islamic State in the reference timeline (seeds/reference_losses.csv).
-- Reloaded from the seed whenever the schema is created, so it always matches the file.
create table if not exists reference_losses (
    loss_id             varchar primary key,   -- place slug and date: kobani-2015-01-26
    place               varchar not null,      -- common English spelling
    aliases             varchar[] not null,    -- other spellings news uses (Ayn al-Arab, Kobane, ...)
    country             varchar not null,      -- ISO 3166-1 alpha-2
    region              varchar not null,      -- core (Iraq, Syria) | elsewhere
    date                date not null,         -- the day the loss was completed or officially declared
    date_precision      varchar not null,      -- day | month (then date is the first of the month)
    captured_by         varchar not null,      -- as commonly reported
    captor              varchar not null,      -- normalised: Iraqi forces, Peshmerga, SDF, YPG, Syrian army, ...
    source_url          varchar not null,
    note                varchar,
    check (region = case when country in ('IQ', 'SY') then 'core' else 'elsewhere' end),
    check (date between date '2014-01-01' and date '2019-12-31'),
    check (date_precision in ('day', 'month'))
);
