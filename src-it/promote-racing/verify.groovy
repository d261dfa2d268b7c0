import groovy.json.JsonSlurper
import java.security.MessageDigest
import java.util.zip.ZipFile

def hex = { String algorithm, byte[] bytes -> MessageDigest.getInstance(algorithm).digest(bytes).encodeHex().toString() }
def git = evaluate(new File(itFixtures, 'git-project.groovy')).git
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3
// exactly one of the two racing promotions succeeds
def exits = (runs[2] =~ /race: clone-a exit (\d+), clone-b exit (\d+)/)
assert exits.size() == 1 && [exits[0][1], exits[0][2]] as Set == ['0', '1'] as Set
def origin = new File(basedir, 'origin.git')
// the model each clone trained and validated
def cards = [
        'clone-a': new JsonSlurper().parse(new File(basedir, 'clone-a/target/ml/promote-racing/model-card.json')),
        'clone-b': new JsonSlurper().parse(new File(basedir, 'clone-b/target/ml/promote-racing/model-card.json'))]
assert cards['clone-a'].algorithm.endsWith('J48') && cards['clone-b'].algorithm.endsWith('NaiveBayes')
assert cards['clone-a'].modelSha256 != cards['clone-b'].modelSha256

// exactly one wins. Depending on timing the loser is refused either when it records its promotion (both reserved and
// deployed; the loser's version is recorded failed) or already when it reserves (the winner was production by then).
// Either way: the loser re-read the registry, never shared a version, overwrote nothing and is not production.
def logs = cards.keySet().collectEntries { [it, new File(basedir, "target/race/${it}.log").text] }
def winner = logs.find { it.value.contains('BUILD SUCCESS') }.key
def loser = logs.find { it.key != winner }.key
assert logs[loser].contains('BUILD FAILURE')
assert logs[loser] =~ /production of promote-racing is now 1\.3\.\d, but this model was validated against no production version/
// the race itself (both pushing against the same tip) is forced by the latch in origin's pre-receive hook
assert logs.values().any { it.contains('moved while recording') }
def reservedBy = { clone ->
    def m = (logs[clone] =~ /Reserved version (1\.3\.\d+) of promote-racing/)
    m.size() == 1 ? m[0][1] : null
}
def winnerVersion = reservedBy(winner)
def loserVersion = reservedBy(loser)
assert winnerVersion != null && winnerVersion != loserVersion

def registry = new JsonSlurper().parseText(git(origin, 'show', 'ml-registry:models/promote-racing.json'))
assert registry.production == winnerVersion
def expected = [winnerVersion] + (loserVersion == null ? [] : [loserVersion])
assert registry.versions*.version as Set == expected as Set
registry.versions.each { v ->
    def clone = v.version == winnerVersion ? winner : loser
    assert v.approver == clone && v.modelSha256 == cards[clone].modelSha256
    assert v.status == (clone == winner ? 'promoted' : 'failed')
}
assert registry.events*.type.sort() == (loserVersion == null ? ['promote', 'reserve'] : ['fail', 'promote', 'reserve', 'reserve'])

// each deployed jar holds the model of the clone that reserved its version; nothing was overwritten
def dir = new File(basedir, 'release-repo/io/github/mlmaven/it/promote-racing-model')
[(winner): winnerVersion, (loser): loserVersion].findAll { it.value != null }.each { clone, v ->
    def jar = new File(dir, "${v}/promote-racing-model-${v}.jar")
    assert new File(jar.path + '.sha1').text.trim() == hex('SHA-1', jar.bytes)
    new ZipFile(jar).withCloseable { zip ->
        def model = zip.getInputStream(zip.getEntry('META-INF/ml-models/promote-racing/promote-racing.model')).bytes
        assert hex('SHA-256', model) == cards[clone].modelSha256
    }
}
// only the promoted version is tagged
assert git(origin, 'cat-file', '-t', "refs/tags/ml/promote-racing/${winnerVersion}") == 'tag'
true
