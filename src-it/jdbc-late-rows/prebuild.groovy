// a fresh database jdbc_late_rows with labelled_events rows 1..100, labelled about three hours ago
def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
pg.init(basedir, itPostgresDirectory)
pg.labelledEvents(basedir, 1, 100, [labelled_at: "now() - interval '3 hours' + i * interval '1 second'"])
return null
