-- SPDX-License-Identifier: BSD-3-Clause
-- examples/sqlite: the workload. 60,000 orders inserted in 60 transactions
-- of 1000 rows, three indexes, then queries whose output expected.txt
-- holds, then rollback, savepoint, WAL and VACUUM checks.
-- Run it on a fresh database:  sqlite3 -batch -bail DB ".read workload.sql"
-- Everything is computed from row numbers, so every run prints the same.
.bail on
.mode list
.headers off
.print '-- workload begin'

-- Phase times for bench/sqlite.sh; never printed here. julianday('now')
-- is read once per statement, so each mark is its own statement.
CREATE TEMP TABLE marks(phase TEXT PRIMARY KEY, at REAL NOT NULL);
INSERT INTO marks VALUES ('start', julianday('now'));

CREATE TABLE cities(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE products(
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	price INTEGER NOT NULL		-- cents
);
CREATE TABLE customers(
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	city INTEGER NOT NULL REFERENCES cities(id)
);
CREATE TABLE orders(
	id INTEGER PRIMARY KEY,
	customer INTEGER NOT NULL REFERENCES customers(id),
	product INTEGER NOT NULL REFERENCES products(id),
	qty INTEGER NOT NULL,
	day TEXT NOT NULL,
	note TEXT NOT NULL
);

-- The reference data: one transaction of plain statements.
BEGIN;
INSERT INTO cities VALUES (1, 'Aarhus');
INSERT INTO cities VALUES (2, 'Bilbao');
INSERT INTO cities VALUES (3, 'Cork');
INSERT INTO cities VALUES (4, 'Dresden');
INSERT INTO cities VALUES (5, 'Espoo');
INSERT INTO cities VALUES (6, 'Faro');
INSERT INTO cities VALUES (7, 'Graz');
INSERT INTO cities VALUES (8, 'Haarlem');
INSERT INTO products VALUES (1, 'bolt', 35);
INSERT INTO products VALUES (2, 'nut', 12);
INSERT INTO products VALUES (3, 'washer', 5);
INSERT INTO products VALUES (4, 'hinge', 420);
INSERT INTO products VALUES (5, 'bracket', 275);
INSERT INTO products VALUES (6, 'spring', 90);
INSERT INTO products VALUES (7, 'gasket', 160);
INSERT INTO products VALUES (8, 'pulley', 1250);
INSERT INTO products VALUES (9, 'chain', 980);
INSERT INTO products VALUES (10, 'handle', 640);
INSERT INTO products VALUES (11, 'clamp', 315);
INSERT INTO products VALUES (12, 'valve', 2199);
INSERT INTO customers(id, name, city)
	WITH RECURSIVE n(i) AS (VALUES (1) UNION ALL
		SELECT i + 1 FROM n WHERE i < 1000)
	SELECT i, printf('customer-%04d', i), (i * 5 + i / 9) % 8 + 1 FROM n;
COMMIT;

-- The next 1000 orders, numbered from the one row of batch. Each order
-- transaction below inserts them and moves batch on.
CREATE TABLE batch(lo INTEGER NOT NULL);
INSERT INTO batch VALUES (0);
CREATE VIEW next_orders AS
	WITH RECURSIVE n(i) AS (
		SELECT lo + 1 FROM batch
		UNION ALL
		SELECT i + 1 FROM n, batch WHERE i < lo + 1000)
	SELECT i,
		CASE WHEN i % 4 = 0 THEN i % 89 ELSE i * 7919 % 1000 END + 1,
		(i * 31 + i / 7) % 12 + 1,
		i % 5 + 1,
		date('2024-01-01',
			'+' || ((i % 366 + i % 7 * (i % 29)) % 366) || ' days'),
		'order ' || i ||
		CASE WHEN i % 97 = 0 THEN ' urgent' ELSE '' END
	FROM n;

INSERT INTO marks VALUES ('inserts', julianday('now'));
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
BEGIN; INSERT INTO orders SELECT * FROM next_orders;
UPDATE batch SET lo = lo + 1000; COMMIT;
INSERT INTO marks VALUES ('indexes', julianday('now'));

CREATE INDEX orders_customer ON orders(customer);
CREATE INDEX orders_day ON orders(day);
CREATE INDEX orders_product_qty ON orders(product, qty);
INSERT INTO marks VALUES ('queries', julianday('now'));

.print '-- orders: count, first, last, pieces, batches'
SELECT count(*), min(id), max(id), sum(qty), (SELECT lo FROM batch)
	FROM orders;
.print '-- per product: orders, pieces, revenue in cents'
SELECT p.name, count(*), sum(o.qty), sum(o.qty * p.price)
	FROM orders o JOIN products p ON p.id = o.product
	GROUP BY p.id ORDER BY p.id;
.print '-- per city: customers, orders, revenue in cents'
SELECT c.name, count(DISTINCT cu.id), count(*), sum(o.qty * p.price)
	FROM orders o
	JOIN customers cu ON cu.id = o.customer
	JOIN cities c ON c.id = cu.city
	JOIN products p ON p.id = o.product
	GROUP BY c.id ORDER BY c.name;
.print '-- urgent orders (LIKE): count, sum of ids'
SELECT count(*), sum(id) FROM orders WHERE note LIKE '% urgent';
.print '-- five best customers (ORDER BY ... LIMIT)'
SELECT cu.name, sum(o.qty * p.price) AS total
	FROM orders o
	JOIN customers cu ON cu.id = o.customer
	JOIN products p ON p.id = o.product
	GROUP BY cu.id ORDER BY total DESC, cu.id LIMIT 5;
.print '-- three busiest days'
SELECT day, count(*) FROM orders
	GROUP BY day ORDER BY count(*) DESC, day LIMIT 3;
.print '-- customer 42 and March 2024, through their indexes'
SELECT count(*), sum(qty) FROM orders WHERE customer = 42;
SELECT count(*) FROM orders WHERE day BETWEEN '2024-03-01' AND '2024-03-31';
SELECT count(*) FROM orders INDEXED BY orders_product_qty
	WHERE product = 12 AND qty = 5;
INSERT INTO marks VALUES ('changes', julianday('now'));

.print '-- a rolled back transaction leaves the orders as they were'
BEGIN;
DELETE FROM orders WHERE id % 2 = 0;
UPDATE orders SET qty = 0;
SELECT count(*), sum(qty) FROM orders;
ROLLBACK;
SELECT count(*), sum(qty) FROM orders;

.print '-- savepoints: one released, one rolled back'
BEGIN;
SAVEPOINT kept;
UPDATE orders SET qty = qty + 1 WHERE id % 1000 = 0;
RELEASE kept;
SAVEPOINT dropped;
DELETE FROM orders WHERE customer = 42;
ROLLBACK TO dropped;
RELEASE dropped;
COMMIT;
SELECT count(*), sum(qty) FROM orders;

.print '-- deleting the urgent orders'
DELETE FROM orders WHERE note LIKE '% urgent';
SELECT changes(), count(*) FROM orders;

.print '-- write-ahead log: journal mode, a transaction, checkpoint'
PRAGMA journal_mode = WAL;
BEGIN;
INSERT INTO orders SELECT id + 100000, customer, product, qty, day, note
	FROM orders WHERE id <= 500;
UPDATE orders SET note = note || ' copy' WHERE id > 100000;
COMMIT;
SELECT count(*), sum(qty) FROM orders WHERE note LIKE '% copy';
PRAGMA wal_checkpoint(TRUNCATE);
PRAGMA journal_mode = DELETE;
SELECT count(*) FROM orders;

.print '-- VACUUM and an integrity check'
VACUUM;
SELECT count(*), sum(qty), sum(id) FROM orders;
PRAGMA integrity_check;
INSERT INTO marks VALUES ('end', julianday('now'));
.print '-- workload end'
