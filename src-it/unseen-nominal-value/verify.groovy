def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null && error.contains(':validate ')
assert error.contains('weather-test.csv')
assert error.contains("'foggy'")
assert error.contains('outlook')
assert !new File(basedir, 'target/ml/unseen-nominal-value/validation.json').exists()
