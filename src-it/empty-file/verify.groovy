def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null && error.contains(':train ')
assert error.contains('weather.csv')
assert error.contains('empty')
assert !new File(basedir, 'target/ml/empty-file/empty-file.model').exists()
