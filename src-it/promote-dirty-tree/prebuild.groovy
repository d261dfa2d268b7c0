// this folder becomes a git repository with one commit, pushed to a bare origin.git; release-repo/ is created empty.
// Then a tracked file changes without being committed: the model is trained from a dirty working tree.
evaluate(new File(itFixtures, 'git-project.groovy')).init(basedir, localRepositoryPath)
new File(basedir, 'notes.txt') << 'An uncommitted line.\n'
return null
