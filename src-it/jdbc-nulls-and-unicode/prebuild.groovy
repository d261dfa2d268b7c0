// a fresh database jdbc_nulls_and_unicode with a table of every common column type, 40 rows; row k (k = 1..13) holds
// NULL in the k-th nullable column, the other rows none
def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
pg.init(basedir, itPostgresDirectory)
def nullable = ['small_n', 'int_n', 'big_n', 'dec_n', 'real_n', 'double_n', 'flag', 'city', 'code', 'grade', 'day',
                'seen_at', 'seen_at_tz']
pg.sql(basedir, """
    CREATE TABLE every_type (
        id integer PRIMARY KEY, small_n smallint, int_n integer, big_n bigint, dec_n numeric(12, 4), real_n real,
        double_n double precision, flag boolean, city text, code varchar(8), grade char(2), day date,
        seen_at timestamp, seen_at_tz timestamptz, label text NOT NULL);
    INSERT INTO every_type
    SELECT i, i, i * 1000, i * 1000000000::bigint, i * 1.2345, i * 0.5, i * 0.25, i % 2 = 0,
           (ARRAY['Zürich', '東京', 'Ελλάδα', 'São Paulo', 'שלום', '🙂 smile', E'a, "quoted"\nline'])[1 + i % 7],
           'c' || (i % 3), (ARRAY['A1', 'B2', 'Ω3'])[1 + i % 3], date '2026-01-01' + i,
           timestamp '2026-01-01 08:00:00' + i * interval '90 minutes 30.5 seconds',
           timestamptz '2026-01-01 08:00:00+02' + i * interval '1 hour',
           CASE WHEN i % 3 = 0 THEN 'grün' ELSE 'なし' END
    FROM generate_series(1, 40) AS i;
    ${nullable.withIndex().collect { column, k -> "UPDATE every_type SET ${column} = NULL WHERE id = ${k + 1};" }.join('\n')}
""")
return null
