def data = evaluate(new File(itFixtures, 'shifted-data.groovy'))
data.write(new File(basedir, 'data/part-1.csv'), 300, 7, false)
// a git repository with a registry remote, but nothing promoted: the registry branch does not exist
evaluate(new File(itFixtures, 'git-project.groovy')).init(basedir, localRepositoryPath)
