import groovy.json.JsonSlurper

def git = evaluate(new File(itFixtures, 'git-project.groovy')).git
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 9
def error = { int run -> runs[run - 1].readLines().find { it.startsWith('[ERROR] Failed to execute goal') } }
// the history table's row of a version: [marker, version, status, time, approver, commit, metrics...]
def row = { int run, String version ->
    runs[run - 1].readLines().collect { it.replaceFirst(/^\[INFO\] /, '') }
            .find { it =~ /^  (\*| ) +${java.util.regex.Pattern.quote(version)} / }?.trim()?.split(/\s+/)
}
def origin = new File(basedir, 'origin.git')
def source = git(basedir, 'rev-parse', 'main')

assert runs[0].contains('production is now 1.3.0') && runs[1].contains('production is now 1.3.1')

// 3: both versions, 1.3.1 marked as production, with approver, commit and metrics
assert runs[2].contains('Model rollback-and-history (branch ml-registry of origin')
assert runs[2].contains('production: 1.3.1')
def r130 = row(3, '1.3.0'), r131 = row(3, '1.3.1')
assert r131[0] == '*' && r131[1] == '1.3.1' && r131[2] == 'promoted' && r131[4] == 'bob' && source.startsWith(r131[5])
assert r130[0] == '1.3.0' && r130[1] == 'promoted' && r130[3] == 'alice' && source.startsWith(r130[4])
assert r130[5].startsWith('accuracy=')
// one commit, two versions: the history says how they differ
assert runs[2].contains("1.3.1: same commit ${source.substring(0, 10)} as 1.3.0, differs in algorithm J48 -> NaiveBayes")

// 4: rollback recorded, nothing deployed
assert runs[3].contains('BUILD SUCCESS')
assert runs[3].contains('Rolled back rollback-and-history: production is now 1.3.0')
assert !runs[3].contains('Uploading')
// 5: the marker moved
assert runs[4].contains('production: 1.3.0')
assert row(5, '1.3.0')[0] == '*' && row(5, '1.3.1')[0] == '1.3.1'

// 6: unknown version refused, the promoted ones listed
assert error(6).contains(':rollback ') && error(6).contains('cannot roll rollback-and-history back to 9.9.9: no such version')
assert error(6).contains('the promoted versions are 1.3.0, 1.3.1 (1.3.0 in production)')
// 7: nothing to roll back to
assert error(7).contains(':rollback ') && error(7).contains('1.3.0 of rollback-and-history is in production already')

// 8: the other clone fetched the registry branch and shows the same history
assert runs[7].contains('BUILD SUCCESS') && runs[7].contains('production: 1.3.0')
assert row(8, '1.3.0')[0] == '*' && row(8, '1.3.1') != null

// 9: without a version, the property to set and the promoted versions, not Maven's "parameters are missing"
assert error(9).contains(':rollback ') && error(9).contains('mvn ml:rollback -Dml.rollback.version=<version>')
assert error(9).contains('the promoted versions of rollback-and-history are 1.3.0 (in production), 1.3.1')
assert !runs[8].contains('parameters are missing')

// the registry: production 1.3.0, the rollback its own event and commit; both artifacts and tags still there
def registry = new JsonSlurper().parseText(git(origin, 'show', 'ml-registry:models/rollback-and-history.json'))
assert registry.production == '1.3.0'
assert registry.versions*.status == ['promoted', 'promoted']
assert registry.events*.type == ['reserve', 'promote', 'reserve', 'promote', 'rollback']
def rollback = registry.events[4]
assert rollback.version == '1.3.0' && rollback.from == '1.3.1' && rollback.approver == 'carol' && rollback.reason == 'recall-dropped'
assert git(origin, 'log', '-1', '--format=%s', 'ml-registry') ==
        'rollback rollback-and-history from 1.3.1 to 1.3.0 (approved by carol: recall-dropped)'
assert git(origin, 'rev-list', '--count', 'ml-registry') == '5'
['1.3.0', '1.3.1'].each {
    assert new File(basedir, "release-repo/io/github/mlmaven/it/rollback-and-history-model/${it}/rollback-and-history-model-${it}.jar").isFile()
}
assert git(origin, 'tag', '--list', 'ml/*').readLines() == ['ml/rollback-and-history/1.3.0', 'ml/rollback-and-history/1.3.1']
