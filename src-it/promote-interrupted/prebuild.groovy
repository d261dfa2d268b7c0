// this folder becomes a git repository with one commit, pushed to a bare origin.git; release-repo/ is created empty.
// origin.git refuses to record promotions (reject-promotions-pre-receive.sh) until run 3 deletes reject-promotions.
evaluate(new File(itFixtures, 'git-project.groovy')).init(basedir, localRepositoryPath,
        [preReceive: new File(basedir, 'reject-promotions-pre-receive.sh')])
new File(basedir, 'origin.git/reject-promotions').text = 'deleted by run 3\n'
return null
