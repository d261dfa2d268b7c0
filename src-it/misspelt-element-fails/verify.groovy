def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
// ml:train stops at once: the gate would otherwise be switched off without a word ("No gate is configured")
assert error.contains(':train ')
assert error.contains("<threshold> (in the plugin's <configuration>) is not a parameter of any goal of ml-maven-plugin")
assert error.contains('did you mean <thresholds> (ml:validate)?')
// the goal's parameters are listed (the message goes on after the first line)
assert log.contains('Parameters of ml:train: algorithm, attributeTypes,')
assert !log.contains('Training ')
assert !log.contains('No gate is configured')
assert !new File(basedir, 'target/ml/misspelt-element-fails/misspelt-element-fails.model').exists()
