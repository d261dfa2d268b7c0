import groovy.json.JsonSlurper
import java.security.MessageDigest
import java.util.zip.ZipFile

def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
def sha256 = { byte[] bytes -> MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString() }
def log = new File(basedir, 'build.log').getText('UTF-8')
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2
runs.each { assert it.contains('BUILD SUCCESS') }
assert runs[0].contains('production is now 1.3.0')
def release = new File(basedir, 'release-repo/io/github/mlmaven/it/jdbc-promote-rebuild-model/1.3.0')
def model = new File(basedir, 'target/ml/jdbc-promote-rebuild')

// 1.3.0's training data: the part and its sidecar, the ones the card of 1.3.0 names
def zipFile = new File(release, 'jdbc-promote-rebuild-model-1.3.0-training-data.zip')
assert zipFile.isFile()
assert new File(release, zipFile.name + '.sha1').text.trim() ==
        MessageDigest.getInstance('SHA-1').digest(zipFile.bytes).encodeHex().toString()
def published = [:]
new ZipFile(zipFile).withCloseable { zip ->
    zip.entries().each { entry -> if (!entry.directory) { published[entry.name.tokenize('/').last()] = zip.getInputStream(entry).bytes } }
}
assert published.keySet() == ['part-000001.csv', 'part-000001.json'] as Set
def sidecar = new JsonSlurper().parse(published['part-000001.json'])
assert sidecar.sha256 == sha256(published['part-000001.csv'])
assert sidecar.rows == 150
published.values().each { assert !new String(it, 'UTF-8').contains('labeller-secret') }
def promoted = [:]
new ZipFile(new File(release, 'jdbc-promote-rebuild-model-1.3.0.jar')).withCloseable { jar ->
    def folder = 'META-INF/ml-models/jdbc-promote-rebuild/'
    promoted.model = jar.getInputStream(jar.getEntry(folder + 'jdbc-promote-rebuild.model')).bytes
    promoted.card = new JsonSlurper().parse(jar.getInputStream(jar.getEntry(folder + 'model-card.json')))
}
assert promoted.card.data.extraction.parts*.sha256 == [sidecar.sha256]

// build 2, a fresh checkout: the part of 1.3.0 restored byte for byte, nothing new extracted, the same model
def parts = pg.snapshotParts(new File(model, 'data'))
assert parts*.csv*.name == ['part-000001.csv']
assert parts[0].csv.bytes == published['part-000001.csv']
assert runs[1].contains('Trained jdbc-promote-rebuild')
assert new File(model, 'jdbc-promote-rebuild.model').bytes == promoted.model
def card = new JsonSlurper().parse(new File(model, 'model-card.json'))
assert card.data.extraction.parts*.sha256 == [sidecar.sha256]
assert card.modelSha256 == promoted.card.modelSha256
assert !log.contains('labeller-secret')
return true
