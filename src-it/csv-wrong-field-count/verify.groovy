def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null && error.contains(':train ')
assert error.contains('weather.csv')
assert error =~ /line 7\b/
assert !new File(basedir, 'target/ml/csv-wrong-field-count/csv-wrong-field-count.model').exists()
