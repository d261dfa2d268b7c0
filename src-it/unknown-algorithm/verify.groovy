def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null && error.contains(':train ')
assert error.contains('<algorithm>')
assert error.contains('weka.classifiers.trees.J49')
assert !new File(basedir, 'target/ml/unknown-algorithm/unknown-algorithm.model').exists()
