-- Every batch updates each conversation it touches twice: its last_seq (the seqs it takes) and its published_seq
-- (what Kafka acknowledged). The partial index on "last_seq > published_seq" made both updates non-HOT: a new row
-- version with an entry in every index of the table each time, and autovacuum busy cleaning up after them (up to half
-- a core in the benchmark). Without an index on either column, and with room left in each page for the new version,
-- PostgreSQL updates the row in place (a heap-only tuple) and prunes old versions as it goes.
-- The outbox relay's scan for conversations left unpublished (every 5 s) reads the table instead of that index.
DROP INDEX conversations_unpublished;
-- Applies to pages written from now on; an existing table gets it at its next rewrite (VACUUM FULL, pg_repack).
ALTER TABLE conversations SET (fillfactor = 70);
