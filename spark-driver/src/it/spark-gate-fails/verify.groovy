import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/spark-gate-fails')
assert log.contains('BUILD FAILURE')
// a verdict of ml:validate, naming the metric, as for a local model
def failure = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') && it.contains('validate') }
assert failure != null
assert failure =~ /recall\D+0\.\d+\D+0\.95/

// training on Spark succeeded; the model is an ordinary bundle, and every report of the failed gate is written
def card = new JsonSlurper().parse(new File(dir, 'model-card.json'))
assert card.engine.name == 'spark'
def validation = new JsonSlurper().parse(new File(dir, 'validation.json'))
assert validation.passed == false
assert validation.modelSha256 == card.modelSha256
assert new File(dir, 'summary.md').isFile()
