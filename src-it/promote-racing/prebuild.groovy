// this folder (clone A) becomes a git repository with one commit, pushed to a bare origin.git; clone-b/ is a second
// clone of origin. release-repo/ is created empty.
def fixture = evaluate(new File(itFixtures, 'git-project.groovy'))
fixture.init(basedir, localRepositoryPath, [clones: ['clone-b']])

// origin.git gets a pre-receive hook that makes the two promotions overlap (see latch-pre-receive.sh). Hooks are run by
// git's own receive-pack, not by the one JGit runs in-process for a local remote, so both clones push through it.
def hook = new File(basedir, 'origin.git/hooks/pre-receive')
hook.text = new File(basedir, 'latch-pre-receive.sh').text
hook.setExecutable(true)
def receivePack = fixture.git(basedir, '--exec-path') + '/git-receive-pack'
[basedir, new File(basedir, 'clone-b')].each { fixture.git(it, 'config', 'remote.origin.receivepack', receivePack) }
return null
