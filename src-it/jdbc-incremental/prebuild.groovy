// a fresh database jdbc_incremental with labelled_events rows 1..200, labelled one minute apart from 2026-01-01
def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
pg.init(basedir, itPostgresDirectory)
pg.labelledEvents(basedir, 1, 200)
return null
