def log = new File(basedir, 'build.log').getText('UTF-8')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains('Cannot reach the database at jdbc:postgresql://localhost:1/labels')
assert error.contains('host and port in <url>')
// the driver's sentence and ours, one full stop between them
assert error.contains('connections. Check that the server runs')
assert !log.contains('labeller-secret')
def ml = new File(basedir, 'target/ml/jdbc-unreachable')
assert !ml.exists() || ml.listFiles().every { it.name == 'data' && it.list().length == 0 }
return true
