// a fresh database jdbc_class_missing with labelled_events rows 1..50 (fixtures/postgres.groovy)
def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
pg.init(basedir, itPostgresDirectory)
pg.labelledEvents(basedir, 1, 50)
return null
