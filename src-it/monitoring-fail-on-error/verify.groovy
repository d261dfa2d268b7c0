def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/monitoring-fail-on-error')

def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') && it.contains('validate') }
assert error != null : log
assert error.contains('could not push the metrics of monitoring-fail-on-error')
assert error.contains('failOnMonitoringError is true')
assert !log.contains('s3cret')
// the gate passed and its outputs are written; only the push failed
assert new groovy.json.JsonSlurper().parse(new File(dir, 'validation.json')).passed == true
assert new File(dir, 'monitoring-fail-on-error.model').isFile()
