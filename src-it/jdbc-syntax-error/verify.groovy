def log = new File(basedir, 'build.log').getText('UTF-8')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
// PostgreSQL's message, and the position in the query as written (the "ORDER" after "amount > ")
assert error.contains('syntax error at or near "ORDER"')
def query = 'SELECT amount, merchant, label FROM labelled_events WHERE amount > ORDER BY id'
assert error.contains(String.valueOf(query.indexOf('ORDER') + 1))
def data = new File(basedir, 'target/ml/jdbc-syntax-error/data')
assert !data.exists() || !data.list().any { it.startsWith('part-') }
assert !new File(basedir, 'target/ml/jdbc-syntax-error/jdbc-syntax-error.model').exists()
return true
