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

// both reserved distinct versions; the race happened (the loser's reservation was re-read and got 1.3.1)
def logs = cards.keySet().collectEntries { [it, new File(basedir, "target/race/${it}.log").text] }
def versions = logs.collectEntries { clone, log ->
    def reserved = (log =~ /Reserved version (1\.3\.\d+) of promote-racing/)
    assert reserved.size() == 1
    [clone, reserved[0][1]]
}
assert versions.values() as Set == ['1.3.0', '1.3.1'] as Set
def reservedSecond = versions.find { it.value == '1.3.1' }.key
assert logs[reservedSecond] =~ /Registry: branch ml-registry moved while recording 'reserve promote-racing 1\.3\.0 \(approved by ${reservedSecond}\)' \(another promotion\?\); re-reading it, attempt 2 of 5/

// both were validated with no production version; whichever recorded its promotion first is production, and the
// other is refused at that moment (it would replace a model it was never compared with): deployed, recorded failed
def winner = logs.find { it.value.contains('BUILD SUCCESS') }.key
def loser = logs.find { it.key != winner }.key
assert logs[loser].contains('BUILD FAILURE')
assert logs[loser].contains("version ${versions[loser]} was deployed but not promoted: production of promote-racing is now ${versions[winner]}, but this model was validated against no production version")
def registry = new JsonSlurper().parseText(git(origin, 'show', 'ml-registry:models/promote-racing.json'))
assert registry.versions*.version == ['1.3.0', '1.3.1']
assert registry.production == versions[winner]
registry.versions.each { v ->
    def clone = versions.find { it.value == v.version }.key
    assert v.approver == clone && v.modelSha256 == cards[clone].modelSha256
    assert v.status == (clone == winner ? 'promoted' : 'failed')
}
assert registry.events*.type.sort() == ['fail', 'promote', 'reserve', 'reserve']

// each deployed jar holds the model of the clone that reserved its version; nothing was overwritten
def dir = new File(basedir, 'release-repo/io/github/mlmaven/it/promote-racing')
versions.each { clone, v ->
    def jar = new File(dir, "${v}/promote-racing-${v}.jar")
    assert new File(jar.path + '.sha1').text.trim() == hex('SHA-1', jar.bytes)
    new ZipFile(jar).withCloseable { zip ->
        def model = zip.getInputStream(zip.getEntry('META-INF/ml-models/promote-racing/promote-racing.model')).bytes
        assert hex('SHA-256', model) == cards[clone].modelSha256
    }
}
// only the promoted version is tagged
assert git(origin, 'cat-file', '-t', "refs/tags/ml/promote-racing/${versions[winner]}") == 'tag'
def metadata = new groovy.xml.XmlSlurper().parse(new File(dir, 'maven-metadata.xml'))
assert metadata.versioning.versions.version*.text() as Set == ['1.3.0', '1.3.1'] as Set
