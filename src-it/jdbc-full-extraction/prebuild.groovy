// a fresh database jdbc_full_extraction with labelled_events rows 1..120 (fixtures/postgres.groovy)
def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
pg.init(basedir, itPostgresDirectory)
pg.labelledEvents(basedir, 1, 120)
return null
