import groovy.json.JsonSlurper
import java.security.MessageDigest
import java.util.zip.ZipFile

def hex = { String algorithm, byte[] bytes -> MessageDigest.getInstance(algorithm).digest(bytes).encodeHex().toString() }
def git = evaluate(new File(itFixtures, 'git-project.groovy')).git
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2
assert runs.every { it.contains('BUILD SUCCESS') }
def gav = 'io.github.mlmaven.it:promote-twice-model'

// run 1: no production version yet; 1.3.0 from project version 1.3-SNAPSHOT
assert runs[0].contains('No production version of promote-twice in the registry yet')
assert runs[0].contains('Reserved version 1.3.0 of promote-twice')
assert runs[0].contains("Deployed ${gav}:1.3.0 to it-releases")
assert runs[0].contains('production is now 1.3.0; tagged ml/promote-twice/1.3.0')
// run 2: retrained on the other data, compared with 1.3.0 in production, promoted as the next version
assert runs[1].readLines().any { it.contains('data/iris-v2.arff') && it.contains('120 rows') }
assert runs[1].contains('Evaluating the production model 1.3.0')
assert runs[1].contains('Reserved version 1.3.1 of promote-twice')
assert runs[1].contains("Deployed ${gav}:1.3.1 to it-releases")
assert runs[1].contains('production is now 1.3.1; tagged ml/promote-twice/1.3.1')

// the release repository: jar and POM of both versions, with checksums that match
def dir = new File(basedir, 'release-repo/io/github/mlmaven/it/promote-twice-model')
def models = [:]
['1.3.0', '1.3.1'].each { v ->
    ['jar', 'pom'].each { ext ->
        def file = new File(dir, "${v}/promote-twice-model-${v}.${ext}")
        assert file.isFile()
        assert new File(file.path + '.sha1').text.trim() == hex('SHA-1', file.bytes)
        assert new File(file.path + '.md5').text.trim() == hex('MD5', file.bytes)
    }
    def pom = new groovy.xml.XmlSlurper().parse(new File(dir, "${v}/promote-twice-model-${v}.pom"))
    assert pom.version == v
    assert pom.dependencies.dependency.find { it.artifactId == 'weka-stable' }.version == '3.8.7'
    new ZipFile(new File(dir, "${v}/promote-twice-model-${v}.jar")).withCloseable { zip ->
        def folder = 'META-INF/ml-models/promote-twice/'
        ['promote-twice.model', 'model-card.json', 'validation.json', 'schema.json'].each {
            assert zip.getEntry(folder + it) != null
        }
        def model = zip.getInputStream(zip.getEntry(folder + 'promote-twice.model')).bytes
        def card = new JsonSlurper().parse(zip.getInputStream(zip.getEntry(folder + 'model-card.json')))
        def validation = new JsonSlurper().parse(zip.getInputStream(zip.getEntry(folder + 'validation.json')))
        assert card.modelSha256 == hex('SHA-256', model) && validation.modelSha256 == card.modelSha256
        assert validation.passed == true
        models[v] = [sha: card.modelSha256, card: card, validation: validation]
    }
}
assert models['1.3.0'].card.data.files*.path == ['data/iris.arff']
assert models['1.3.1'].card.data.files*.path == ['data/iris-v2.arff']
assert models['1.3.0'].sha != models['1.3.1'].sha
assert models['1.3.0'].validation.champion.status == 'none'
assert models['1.3.1'].validation.champion.status == 'compared' && models['1.3.1'].validation.champion.version == '1.3.0'
def metadata = new groovy.xml.XmlSlurper().parse(new File(dir, 'maven-metadata.xml'))
assert metadata.versioning.versions.version*.text() == ['1.3.0', '1.3.1']

// 1.3.0 is exactly what run 1 deployed: run 2 left it alone (snapshot copied at the start of run 2)
def before = new File(basedir, 'target/deployed-1.3.0-before-run-2')
['jar', 'jar.sha1', 'pom', 'pom.sha1'].each {
    assert new File(dir, "1.3.0/promote-twice-model-1.3.0.${it}").bytes == new File(before, "promote-twice-model-1.3.0.${it}").bytes
}

// the registry branch in origin: production 1.3.1, both versions promoted, one commit per event
def origin = new File(basedir, 'origin.git')
def source = git(basedir, 'rev-parse', 'main')
def registry = new JsonSlurper().parseText(git(origin, 'show', 'ml-registry:models/promote-twice.json'))
assert registry.production == '1.3.1'
assert registry.versions*.version == ['1.3.0', '1.3.1']
registry.versions.each { v ->
    assert v.status == 'promoted' && v.groupId == 'io.github.mlmaven.it' && v.artifactId == 'promote-twice-model'
    assert v.modelSha256 == models[v.version].sha
    assert v.sourceCommit == source
}
assert registry.versions[0].approver == 'alice' && registry.versions[0].reason == 'first-model'
assert registry.versions[1].approver == 'bob'
assert registry.events*.type == ['reserve', 'promote', 'reserve', 'promote']
assert git(origin, 'log', '--format=%s', 'ml-registry').readLines() == [
        'promote promote-twice 1.3.1 (approved by bob)',
        'reserve promote-twice 1.3.1 (approved by bob)',
        'promote promote-twice 1.3.0 (approved by alice: first-model)',
        'reserve promote-twice 1.3.0 (approved by alice: first-model)']

// annotated tags in origin on the source commit (not on a registry commit)
['1.3.0', '1.3.1'].each { v ->
    assert git(origin, 'cat-file', '-t', "refs/tags/ml/promote-twice/${v}") == 'tag'
    assert git(origin, 'rev-parse', "refs/tags/ml/promote-twice/${v}^{commit}") == source
}
// the working tree and main were not touched
assert git(basedir, 'status', '--porcelain') == ''
assert git(basedir, 'rev-parse', '--abbrev-ref', 'HEAD') == 'main'
assert git(origin, 'rev-parse', 'main') == source
