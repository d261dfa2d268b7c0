// a fresh database jdbc_new_label_later with labelled_events rows 1..100 (legit and fraud) (fixtures/postgres.groovy)
def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
pg.init(basedir, itPostgresDirectory)
pg.labelledEvents(basedir, 1, 100)
return null
