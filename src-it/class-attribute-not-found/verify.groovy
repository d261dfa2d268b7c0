def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null && error.contains(':train ')
assert error.contains("'label'")
['outlook', 'temperature', 'humidity', 'windy', 'play'].each { assert error.contains(it) }
assert !new File(basedir, 'target/ml/class-attribute-not-found/class-attribute-not-found.model').exists()
