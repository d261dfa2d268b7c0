def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/mlflow-unreachable-fail-on-error')

assert log.contains('BUILD FAILURE')
def failure = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') && it.contains('validate') }
assert failure != null
assert failure.contains('MLflow')
assert failure.contains('ml.monitoring.failOnError is true')
// the model and the validation outputs are intact
assert new File(dir, 'mlflow-unreachable-fail-on-error.model').isFile()
assert new File(dir, 'validation.json').isFile()
