def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null && error.contains(':validate ')
assert error.contains('ml:train')
assert !new File(basedir, 'target/ml/validate-without-model/validation.json').exists()
