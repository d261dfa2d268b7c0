def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains('mastr')
// Maven's configurator refuses it when ml:train (which declares <spark>) runs: it names the element and the class
assert error.contains('SparkEngineConfiguration') || error.contains('did you mean <spark><master>')
// refused before any Spark job: no driver was forked, no model written
assert !log.contains('ml-spark')
assert !new File(basedir, 'target/ml/spark-misspelt-element/spark-misspelt-element.model').exists()
