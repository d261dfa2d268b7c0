// newly labelled rows 201..250, after build 1
evaluate(new File(itFixtures, 'postgres.groovy')).labelledEvents(basedir, 201, 250)
return null
