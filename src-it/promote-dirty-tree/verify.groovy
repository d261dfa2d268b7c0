import groovy.json.JsonSlurper

def git = evaluate(new File(itFixtures, 'git-project.groovy')).git
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 4
def error = { int run -> runs[run - 1].readLines().find { it.startsWith('[ERROR] Failed to execute goal') } }
def origin = new File(basedir, 'origin.git')
def source = git(basedir, 'rev-parse', 'main')
def card = new JsonSlurper().parse(new File(basedir, 'target/ml/promote-dirty-tree/model-card.json'))
assert card.git.dirty == true && card.git.commit == source

// 1: refused, naming the commit and the way out; nothing recorded, nothing deployed
assert runs[0].contains('validation passes')
assert error(1).contains(':promote ') && error(1).contains('trained from a working tree with uncommitted changes')
assert error(1).contains(source) && error(1).contains('-Dml.promote.allowDirty=true')
assert !runs[0].contains('Reserved version')

// 2: promoted under coordinates that are not the project's, recorded as promoted from uncommitted changes
assert runs[1].contains('BUILD SUCCESS')
assert runs[1].contains('Deployed io.github.mlmaven.it:promote-dirty-tree-model:1.3.0 to it-releases')
assert new File(basedir, 'release-repo/io/github/mlmaven/it/promote-dirty-tree-model/1.3.0/promote-dirty-tree-model-1.3.0.jar').isFile()
assert !new File(basedir, 'release-repo/io/github/mlmaven/it/promote-dirty-tree').exists()
def registry = new JsonSlurper().parseText(git(origin, 'show', 'ml-registry:models/promote-dirty-tree.json'))
assert registry.production == '1.3.0'
assert registry.versions.size() == 1
def v = registry.versions[0]
assert v.groupId == 'io.github.mlmaven.it' && v.artifactId == 'promote-dirty-tree-model'
assert v.uncommittedChanges == true && v.approver == 'dave' && v.sourceCommit == source
def tagMessage = git(origin, 'tag', '--list', '--format=%(contents)', 'ml/promote-dirty-tree/1.3.0')
assert tagMessage.contains('approved by dave') && tagMessage.contains('uncommitted changes') && tagMessage.contains('allowDirty')

// 3: the history says so
assert runs[2].contains('1.3.0: trained from a working tree with uncommitted changes (promoted with allowDirty)')

// 4: the project's own coordinates: refused, with the fix; nothing more recorded
assert error(4).contains(':promote ') && error(4).contains('io.github.mlmaven.it:promote-dirty-tree, the coordinates of the project itself')
assert error(4).contains('-Dml.promote.artifactId=promote-dirty-tree-model')
assert git(origin, 'rev-list', '--count', 'ml-registry') == '2'
return true
