// 2,000 rows before the shift (promoted on), 2,000 later, unshifted (monitored): see fixtures/shifted-data.groovy
def data = evaluate(new File(itFixtures, 'shifted-data.groovy'))
data.write(new File(basedir, 'data/part-1.csv'), 2000, 7, false)
data.write(new File(basedir, 'data/part-2.csv'), 2000, 8, false)
// this folder becomes a git repository with one commit, pushed to a bare origin.git; release-repo/ is created empty
evaluate(new File(itFixtures, 'git-project.groovy')).init(basedir, localRepositoryPath)
