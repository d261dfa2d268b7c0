def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null && error.contains(':train ')
assert error.contains('part-2.csv')
assert error.contains('petal_width') || error.contains('petalwidth')
assert !new File(basedir, 'target/ml/training-files-schema-differ/training-files-schema-differ.model').exists()
