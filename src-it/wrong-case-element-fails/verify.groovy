def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error.contains(':train ')
assert error.contains("<positiveclass> (in the plugin's <configuration>) is not a parameter of any goal of ml-maven-plugin")
assert error.contains('did you mean <positiveClass> (ml:train)?')
assert log.contains('Parameters of ml:train: ')
assert !new File(basedir, 'target/ml/wrong-case-element-fails/model-card.json').exists()
