import groovy.json.JsonSlurper
import java.security.MessageDigest

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3
runs.each { assert it.contains('BUILD SUCCESS') }

// every run trains: run 2 because the options changed, run 3 because the data changed
runs.each {
    assert it.contains('Trained changed-inputs-retrain')
    assert !it.contains('up to date')
}
assert runs[1].contains('-U')
assert runs[2].contains('16 rows')

def card = new JsonSlurper().parse(new File(basedir, 'target/ml/changed-inputs-retrain/model-card.json'))
assert card.options == '-U'
assert card.data.files[0].rows == 16
assert card.data.files[0].sha256 == sha256(new File(basedir, 'data-v2/weather.csv'))
