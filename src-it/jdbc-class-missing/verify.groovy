def log = new File(basedir, 'build.log').getText('UTF-8')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains('label')
['amount', 'merchant', 'hour'].each { assert error.contains(it) }
assert !new File(basedir, 'target/ml/jdbc-class-missing/jdbc-class-missing.model').exists()
return true
