// this folder becomes a git repository with one commit, pushed to a bare origin.git; release-repo/ is created empty
evaluate(new File(itFixtures, 'git-project.groovy')).init(basedir, localRepositoryPath)
