def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/monitoring-unreachable')

// the push is retried, then a warning; the build's verdict stands
assert log.contains('BUILD SUCCESS')
assert log.contains('retrying in 1000 ms (attempt 2 of 3)')
def warning = log.readLines().find { it.startsWith('[WARNING] could not push the metrics of monitoring-unreachable') }
assert warning != null : log
assert warning.contains('http://127.0.0.1:9') && warning.contains('no answer after 3 attempts')
assert !log.contains('s3cret') && !log.contains('ci-user')

// the model and its outputs are intact, and the summary says the push failed
assert new File(dir, 'monitoring-unreachable.model').isFile()
assert new groovy.json.JsonSlurper().parse(new File(dir, 'validation.json')).passed == true
def summary = new File(dir, 'summary.md').text
assert summary.contains('> **Warning:** monitoring: could not push the metrics of monitoring-unreachable')
assert !summary.contains('s3cret')
