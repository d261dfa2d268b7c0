// a fresh database jdbc_million_rows with a table of 1,000,000 rows and ten columns, made by the server itself
def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
pg.init(basedir, itPostgresDirectory)
pg.sql(basedir, """
    CREATE TABLE events AS
    SELECT i AS id, (i * 37) % 1000 AS amount, (i * 13) % 97 AS items, ((i * 7) % 500) / 10.0 AS distance,
           i % 24 AS hour, ((i * 31) % 1000) * 0.001 AS score, (i * 11) % 7 AS weekday, (i * 17) % 365 AS account_age,
           (ARRAY['grocery', 'travel', 'online', 'fuel'])[1 + i % 4] AS merchant,
           CASE WHEN (i * 37) % 1000 > 800 AND i % 4 IN (1, 2) THEN 'fraud' ELSE 'legit' END AS label
    FROM generate_series(1, 1000000) AS i
""")
return null
