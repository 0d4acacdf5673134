-- SPDX-License-Identifier: BSD-3-Clause
-- tests/image/sqlite.test, second boot: SQLite's memory-mapped I/O. With
-- mmap_size set, SQLite reads pages through a read-only MAP_SHARED mapping
-- of the database and writes them with pwrite(). It relies on a write
-- showing through the mapping at once, and on munmap() writing nothing.
-- A small page cache makes SQLite go back to the file (the mapping) often;
-- reopening at the end reads what the file really holds.
.bail on
.mode list
.print '-- mmap begin'
PRAGMA cache_size = 16;
CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER NOT NULL, pad TEXT NOT NULL);
INSERT INTO t
	WITH RECURSIVE n(i) AS (VALUES (1) UNION ALL
		SELECT i + 1 FROM n WHERE i < 20000)
	SELECT i, i % 7, 'padding for row ' || i FROM n;
CREATE INDEX t_k ON t(k);
PRAGMA mmap_size = 67108864;
SELECT count(*), sum(k) FROM t;
UPDATE t SET k = k + 10 WHERE id % 3 = 0;
SELECT count(*), sum(k) FROM t WHERE k >= 10;
SELECT sum(k), sum(length(pad)) FROM t;
PRAGMA mmap_size = 0;
SELECT sum(k) FROM t;
.open /data/m.db
SELECT sum(k) FROM t;
SELECT count(*) FROM t WHERE k >= 10;
PRAGMA integrity_check;
.print '-- mmap end'
