import groovy.json.JsonSlurper

def git = evaluate(new File(itFixtures, 'git-project.groovy')).git
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 6
def error = { int run -> runs[run - 1].readLines().find { it.startsWith('[ERROR] Failed to execute goal') } }
def dir = new File(basedir, 'target/ml/promote-refusals')

// 1: not validated
assert runs[0].contains('Trained promote-refusals') && runs[0].contains('BUILD FAILURE')
assert error(1).contains(':promote ') && error(1).contains('model promote-refusals has not been validated')
assert error(1).contains('run ml:validate (mvn verify) before ml:promote')

// 2: the model file is not the one validated; the message gives the file's SHA-256 and the recorded one
assert runs[1].contains('Copying 1 resource') && runs[1].contains('BUILD FAILURE')
assert error(2).contains(':promote ') && error(2).contains('the model changed after validation')
assert error(2).contains('promote-refusals.model has SHA-256')
assert error(2).contains('run ml:validate again')

// 3: approval required, no approver
assert runs[2].contains('Trained promote-refusals') && runs[2].contains('validation passes')
assert error(3).contains(':promote ') && error(3).contains('requires an approver')
assert error(3).contains('-Dml.promote.approver=')

// 4: approved: 1.3.0
assert runs[3].contains('BUILD SUCCESS') && runs[3].contains('production is now 1.3.0')

// 5: 1.3.0 exists: refused before anything is deployed
assert runs[4].contains('Evaluating the production model 1.3.0')
assert error(5).contains(':promote ') && error(5).contains('version 1.3.0 exists already in the registry')
assert error(5).contains('releases are immutable')

// 6: no release repository: the message says how to configure one
assert error(6).contains(':promote ') && error(6).contains('no release repository to promote to')
assert error(6).contains('<distributionManagement><repository>') && error(6).contains('-Dml.promote.repository=id::url')

// the refusals recorded nothing: one version, reserved and promoted once, approved by carol
def registry = new JsonSlurper().parseText(git(new File(basedir, 'origin.git'), 'show', 'ml-registry:models/promote-refusals.json'))
assert registry.production == '1.3.0'
assert registry.versions*.version == ['1.3.0']
assert registry.versions[0].approver == 'carol' && registry.versions[0].reason == 'reviewed'
assert registry.events*.type == ['reserve', 'promote']
assert git(new File(basedir, 'origin.git'), 'rev-list', '--count', 'ml-registry') == '2'
assert new File(basedir, 'release-repo/io/github/mlmaven/it/promote-refusals-model').list() as Set == ['1.3.0', 'maven-metadata.xml', 'maven-metadata.xml.md5', 'maven-metadata.xml.sha1'] as Set
