-- A full validation replaces the whole quarantine of the table it checked.
delete from quarantine
where table_name = $table
