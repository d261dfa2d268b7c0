import groovy.json.JsonSlurper
import java.security.MessageDigest

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2
def dir = new File(basedir, 'target/ml/force-retrains')

assert runs[0].contains('Trained force-retrains')
assert runs[1].contains('Trained force-retrains')
assert !runs[1].contains('up to date')
assert runs[1].contains('BUILD SUCCESS')

def cardBefore = new JsonSlurper().parse(new File(basedir, 'target/before-run-2/model-card.json'))
def card = new JsonSlurper().parse(new File(dir, 'model-card.json'))
assert card.trainedAt != cardBefore.trainedAt
assert card.inputsKey == cardBefore.inputsKey
assert sha256(new File(dir, 'force-retrains.model')) == card.modelSha256
