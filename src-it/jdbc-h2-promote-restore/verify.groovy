import groovy.json.JsonSlurper
import java.security.MessageDigest
import java.util.zip.ZipFile

def sha256 = { byte[] bytes -> MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString() }
def log = new File(basedir, 'build.log').getText('UTF-8')
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3
runs.each { assert it.contains('BUILD SUCCESS') }
def release = new File(basedir, 'release-repo/io/github/mlmaven/it/jdbc-h2-promote-restore-model/1.3.0')
def model = new File(basedir, 'target/ml/jdbc-h2-promote-restore')

// build 1: 60 rows extracted into one part, trained, validated and promoted with the part beside the model
assert runs[0].contains('production is now 1.3.0')
assert runs[0].contains('Attaching 1 snapshot part (60 rows) as io.github.mlmaven.it:jdbc-h2-promote-restore-model:zip:training-data')
def zipFile = new File(release, 'jdbc-h2-promote-restore-model-1.3.0-training-data.zip')
assert zipFile.isFile()
def published = [:]
new ZipFile(zipFile).withCloseable { zip ->
    zip.entries().each { entry -> published[entry.name] = zip.getInputStream(entry).bytes }
}
assert published.keySet() == ['part-000001.csv', 'part-000001.json'] as Set
def sidecar = new JsonSlurper().parse(published['part-000001.json'])
assert sidecar.sha256 == sha256(published['part-000001.csv'])
assert sidecar.rows == 60
def h2Version = (new File(basedir, 'pom.xml').text =~ /<artifactId>h2<\/artifactId>\s*<version>([^<]+)<\/version>/)[0][1]
assert sidecar.driver == 'com.h2database:h2:' + h2Version
def csv = new String(published['part-000001.csv'], 'UTF-8').readLines()
assert csv[0] == 'ID,LABELLED_AT,AMOUNT,CHANNEL,NOTE,LABEL'
assert csv.size() == 61
def promoted = [:]
new ZipFile(new File(release, 'jdbc-h2-promote-restore-model-1.3.0.jar')).withCloseable { jar ->
    def folder = 'META-INF/ml-models/jdbc-h2-promote-restore/'
    promoted.model = jar.getInputStream(jar.getEntry(folder + 'jdbc-h2-promote-restore.model')).bytes
    promoted.card = new JsonSlurper().parse(jar.getInputStream(jar.getEntry(folder + 'model-card.json')))
}
// the watermark, tie-breaker and excluded columns are no attributes; the card names the part it was trained on
assert promoted.card.schema.attributes*.name == ['AMOUNT', 'CHANNEL', 'LABEL']
assert promoted.card.data.extraction.parts*.sha256 == [sidecar.sha256]
assert promoted.card.data.extraction.rows == 60

// build 2, a fresh checkout: the part of 1.3.0 restored byte for byte, nothing new extracted, the same model
def run2 = runs[1]
assert run2.contains('Restored 1 snapshot part of the production version 1.3.0 (io.github.mlmaven.it:jdbc-h2-promote-restore-model:zip:training-data:1.3.0)')
assert run2.contains('<trainingData>: restored 1 snapshot part of the production version into target/ml/jdbc-h2-promote-restore/data')
assert run2.contains('no new rows; reading 1 part, 60 rows')
assert new File(model, 'data/part-000001.csv').bytes == published['part-000001.csv']
assert !new File(model, 'data/part-000002.csv').exists()
assert new File(model, 'jdbc-h2-promote-restore.model').bytes == promoted.model
def card = new JsonSlurper().parse(new File(model, 'model-card.json'))
assert card.data.extraction.parts*.sha256 == [sidecar.sha256]
assert card.modelSha256 == promoted.card.modelSha256

// build 3: ml:extract alone into an empty folder restores, and reports no new part (the restored one is not new)
def run3 = runs[2]
def fresh = new File(basedir, 'target/fresh-checkout/jdbc-h2-promote-restore')
assert run3.contains('<trainingData>: restored 1 snapshot part of the production version into target/fresh-checkout/jdbc-h2-promote-restore/data')
assert run3.contains('no new rows; reading 1 part, 60 rows')
assert !run3.contains('>: new snapshot part')
assert new File(fresh, 'data').list().sort() == ['part-000001.csv', 'part-000001.json']
assert new File(fresh, 'data/part-000001.csv').bytes == published['part-000001.csv']
assert !new File(fresh, 'jdbc-h2-promote-restore.model').exists()

// the password: in no line of any build (build 1 ran with -X), in nothing published or written
assert runs[0].contains('[DEBUG]')
assert !log.contains('h2-secret-0815')
published.values().each { assert !new String(it, 'UTF-8').contains('h2-secret-0815') }
assert !new File(model, 'data/part-000001.json').text.contains('h2-secret-0815')
return true
