def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null && error.contains(':train ')
assert error.contains('weather.arff line 4: not a valid ARFF file: the file ends without an @data line')
assert !log.contains('OutOfMemoryError')
assert !new File(basedir, 'target/ml/arff-header-cut-off/arff-header-cut-off.model').exists()
