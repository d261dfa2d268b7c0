def log = new File(basedir, 'build.log').getText('UTF-8')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
// the message says that there were no rows and where they were looked for
assert error.toLowerCase().contains('no rows')
assert error.contains('jdbc_empty_result') || error.contains('labelled_events')
// no part for an empty result
def data = new File(basedir, 'target/ml/jdbc-empty-result/data')
assert !data.exists() || data.list().length == 0
assert !new File(basedir, 'target/ml/jdbc-empty-result/jdbc-empty-result.model').exists()
assert !new File(basedir, 'target/ml/jdbc-empty-result/model-card.json').exists()
return true
