def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/tampered-model')

assert log.contains('Trained tampered-model')
assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null && error.contains(':validate ')
assert error.contains('tampered-model.model')
assert error.contains('SHA-256')
// the tampered file is still there (it was not "repaired"), and no verdict was written
assert new File(dir, 'tampered-model.model').text.startsWith('These bytes replace the model')
assert !new File(dir, 'validation.json').exists()
