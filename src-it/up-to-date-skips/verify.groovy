import groovy.json.JsonSlurper
import java.security.MessageDigest

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
// both invocations append to the one build.log; each starts with "Scanning for projects"
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2
def dir = new File(basedir, 'target/ml/up-to-date-skips')
def before = new File(basedir, 'target/before-run-2') // copied at the start of run 2, before ml:train

assert runs[0].contains('Trained up-to-date-skips')
assert runs[1].contains('BUILD SUCCESS')
assert !runs[1].contains('Trained up-to-date-skips')
def skipLines = runs[1].readLines().findAll { it.contains('up to date') }
assert skipLines.size() == 1 && skipLines[0].contains('skipping training')

def card = new JsonSlurper().parse(new File(dir, 'model-card.json'))
def model = new File(dir, 'up-to-date-skips.model')
// the model and its card are exactly what run 1 wrote, and were not rewritten during run 2
assert new File(dir, 'model-card.json').bytes == new File(before, 'model-card.json').bytes
assert model.bytes == new File(before, 'up-to-date-skips.model').bytes
assert sha256(model) == card.modelSha256
assert model.lastModified() <= new File(before, 'up-to-date-skips.model').lastModified()
assert skipLines[0].contains(card.trainedAt)
