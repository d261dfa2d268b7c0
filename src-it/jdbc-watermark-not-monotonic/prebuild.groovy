// a fresh database jdbc_watermark_not_monotonic with labelled_events rows 1..100 (fixtures/postgres.groovy)
def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
pg.init(basedir, itPostgresDirectory)
pg.labelledEvents(basedir, 1, 100)
return null
