// a fresh database with labelled_events rows 1..150; then this folder becomes a git repository (one commit, pushed to
// a bare origin.git) with an empty release-repo/ (fixtures/git-project.groovy)
def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
pg.init(basedir, itPostgresDirectory)
pg.labelledEvents(basedir, 1, 150)
evaluate(new File(itFixtures, 'git-project.groovy')).init(basedir, localRepositoryPath)
return null
