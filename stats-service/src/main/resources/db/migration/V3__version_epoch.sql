-- Cube versions count from the moment this database was created (microseconds since 1970), not from 1. A stats
-- database rebuilt later (from case-events) then numbers every cube above anything the old one published, and the
-- suppression service, which keeps the highest version it has seen of each cube, takes the rebuilt cubes without
-- its table being emptied by hand. (A cube would need a million changes a second to outrun the clock.)
CREATE TABLE version_epoch (base bigint NOT NULL);
INSERT INTO version_epoch SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint;
