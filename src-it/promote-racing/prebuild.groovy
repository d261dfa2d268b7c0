// this folder becomes a git repository with one commit, pushed to a bare origin.git, and clone-a/ and clone-b/ two
// clones of it, where the builds run; release-repo/ is created empty. origin.git gets a latch as its pre-receive hook
// (fixtures/latch-pre-receive.sh, armed by race.sh), so that the two promotions' first registry pushes overlap.
evaluate(new File(itFixtures, 'git-project.groovy')).init(basedir, localRepositoryPath,
        [clones: ['clone-a', 'clone-b'], preReceive: new File(itFixtures, 'latch-pre-receive.sh')])
