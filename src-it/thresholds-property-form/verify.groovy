import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def validation = new JsonSlurper().parse(new File(basedir, 'target/ml/thresholds-property-form/validation.json'))

assert log.contains('BUILD FAILURE')
def byMetric = validation.thresholds.collectEntries { [(it.metric): it] }
assert byMetric.keySet() == ['accuracy', 'kappa'] as Set
assert byMetric.accuracy.bound == 0.99 && byMetric.accuracy.comparator == '>=' && !byMetric.accuracy.passed
assert byMetric.kappa.passed
def failure = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert failure =~ /accuracy\D+0\.96\d*\D+0\.99/
