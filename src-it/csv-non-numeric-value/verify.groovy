def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null && error.contains(':validate ')
assert error.contains('weather-test.csv')
assert error =~ /line 4\b/
assert error.contains('temperature')
assert error.contains('warm')
assert !new File(basedir, 'target/ml/csv-non-numeric-value/validation.json').exists()
