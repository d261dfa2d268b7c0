// this folder becomes a git repository with one commit, pushed to a bare origin.git; release-repo/ is created empty;
// fresh-clone/ is another clone of origin, made before any promotion: ml:history must fetch the registry branch there
evaluate(new File(itFixtures, 'git-project.groovy')).init(basedir, localRepositoryPath, [clones: ['fresh-clone']])
