import groovy.json.JsonSlurper
import java.security.MessageDigest

def sha1 = { File f -> MessageDigest.getInstance('SHA-1').digest(f.bytes).encodeHex().toString() }
def git = evaluate(new File(itFixtures, 'git-project.groovy')).git
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3
def error = { int run -> runs[run - 1].readLines().find { it.startsWith('[ERROR] Failed to execute goal') } }
def origin = new File(basedir, 'origin.git')
def dir = new File(basedir, 'release-repo/io/github/mlmaven/it/promote-interrupted-model')

// 1: reserved 1.3.0, the deploy failed, 1.3.0 recorded as failed (it stays taken), production unchanged
assert runs[0].contains('Reserved version 1.3.0')
assert error(1).contains(':promote ') && error(1).contains('deploying io.github.mlmaven.it:promote-interrupted-model:1.3.0 to it-releases')
assert runs[0].contains('Recorded version 1.3.0 of promote-interrupted as failed')

// 2: 1.3.1 deployed; the promotion record was refused; the message gives the command that finishes it
assert runs[1].contains('Reserved version 1.3.1')
assert runs[1].contains('Deployed io.github.mlmaven.it:promote-interrupted-model:1.3.1 to it-releases')
assert error(2).contains(':promote ') && error(2).contains('was deployed, but recording the promotion in the registry failed')
assert error(2).contains("refused the push of 'promote promote-interrupted 1.3.1'") && error(2).contains('pre-receive hook declined')
assert error(2).contains('finish this one with: mvn ml:promote -Dml.promote.finish=1.3.1')
// running ml:promote again would deploy another version and leave 1.3.1 behind: never advised
assert !error(2).contains('run the same command again') && error(2).contains('do not run ml:promote again')

// 3: finished: recorded and tagged, not deployed again
assert runs[2].contains('BUILD SUCCESS') && runs[2].contains('production is now 1.3.1')
assert !runs[2].contains('Uploading')

def registry = new JsonSlurper().parseText(git(origin, 'show', 'ml-registry:models/promote-interrupted.json'))
assert registry.production == '1.3.1'
assert registry.versions.collect { [it.version, it.status] } == [['1.3.0', 'failed'], ['1.3.1', 'promoted']]
assert registry.events*.type == ['reserve', 'fail', 'reserve', 'promote']
assert registry.events[1].reason.contains('deploying')
assert git(origin, 'rev-parse', 'refs/tags/ml/promote-interrupted/1.3.1^{commit}') == git(basedir, 'rev-parse', 'main')
assert git(origin, 'tag', '--list').readLines() == ['ml/promote-interrupted/1.3.1']
// only 1.3.1 was deployed, once, with matching checksums
assert !new File(dir, '1.3.0').exists()
def jar = new File(dir, '1.3.1/promote-interrupted-model-1.3.1.jar')
assert new File(jar.path + '.sha1').text.trim() == sha1(jar)
