import groovy.json.JsonSlurper
import java.security.MessageDigest
import java.util.zip.ZipFile

def hex = { String algorithm, byte[] bytes -> MessageDigest.getInstance(algorithm).digest(bytes).encodeHex().toString() }
def git = evaluate(new File(itFixtures, 'git-project.groovy')).git
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3
assert runs[2].contains('race: clone-a exit 0, clone-b exit 0')
def origin = new File(basedir, 'origin.git')
// the model each clone trained and validated
def cards = [
        'clone-a': new JsonSlurper().parse(new File(basedir, 'clone-a/target/ml/promote-racing/model-card.json')),
        'clone-b': new JsonSlurper().parse(new File(basedir, 'clone-b/target/ml/promote-racing/model-card.json'))]
assert cards['clone-a'].algorithm.endsWith('J48') && cards['clone-b'].algorithm.endsWith('NaiveBayes')
assert cards['clone-a'].modelSha256 != cards['clone-b'].modelSha256

// both promotions succeeded, with distinct versions
def logs = cards.keySet().collectEntries { [it, new File(basedir, "target/race/${it}.log").text] }
def versions = logs.collectEntries { clone, log ->
    assert log.contains('BUILD SUCCESS')
    def reserved = (log =~ /Reserved version (1\.3\.\d+) of promote-racing/)
    assert reserved.size() == 1
    [clone, reserved[0][1]]
}
assert versions.values() as Set == ['1.3.0', '1.3.1'] as Set
// the race happened: both pushed their reservation of 1.3.0 against the same tip; the loser re-read and took 1.3.1
def loser = versions.find { it.value == '1.3.1' }.key
assert logs[loser] =~ /Registry: branch ml-registry moved while recording 'reserve promote-racing 1\.3\.0 \(approved by ${loser}\)' \(another promotion\?\); re-reading it, attempt 2 of 5/
assert !logs[versions.find { it.value == '1.3.0' }.key].contains('moved while recording')

// the registry holds both, each with its own clone's model; four events, four commits
def registry = new JsonSlurper().parseText(git(origin, 'show', 'ml-registry:models/promote-racing.json'))
assert registry.versions*.version == ['1.3.0', '1.3.1']
registry.versions.each { v ->
    def clone = versions.find { it.value == v.version }.key
    assert v.status == 'promoted' && v.approver == clone && v.modelSha256 == cards[clone].modelSha256
}
assert registry.events*.type.sort() == ['promote', 'promote', 'reserve', 'reserve']
assert registry.production == registry.events.findAll { it.type == 'promote' }.last().version
assert git(origin, 'rev-list', '--count', 'ml-registry') == '4'

// each deployed jar holds the model of the clone that reserved its version; checksums match; both listed
def dir = new File(basedir, 'release-repo/io/github/mlmaven/it/promote-racing')
versions.each { clone, v ->
    def jar = new File(dir, "${v}/promote-racing-${v}.jar")
    assert new File(jar.path + '.sha1').text.trim() == hex('SHA-1', jar.bytes)
    new ZipFile(jar).withCloseable { zip ->
        def model = zip.getInputStream(zip.getEntry('META-INF/ml-models/promote-racing/promote-racing.model')).bytes
        assert hex('SHA-256', model) == cards[clone].modelSha256
    }
    assert git(origin, 'cat-file', '-t', "refs/tags/ml/promote-racing/${v}") == 'tag'
}
def metadata = new groovy.xml.XmlSlurper().parse(new File(dir, 'maven-metadata.xml'))
assert metadata.versioning.versions.version*.text() as Set == ['1.3.0', '1.3.1'] as Set
