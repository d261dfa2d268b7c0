def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null && error.contains(':train ')
assert error.contains("'yes'")
assert error.contains('play')
assert error.contains('one class')
assert !new File(basedir, 'target/ml/single-class/single-class.model').exists()
