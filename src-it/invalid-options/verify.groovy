def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null && error.contains(':train ')
assert error.contains('<options>')
assert error.contains('Illegal options')
assert error.contains('-K 3')
assert !new File(basedir, 'target/ml/invalid-options/invalid-options.model').exists()
