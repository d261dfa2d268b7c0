import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/breach-fails')

// a verdict (MojoFailureException), not an error; the message names the metric, its actual value and the bound
assert log.contains('BUILD FAILURE')
def failure = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') && it.contains('validate') }
assert failure != null
assert failure =~ /recall\D+0\.0+\D+0\.9/
assert failure =~ /precision\D+0\.5/
assert !failure.contains('accuracy')

// all outputs are written before the build fails
def validation = new JsonSlurper().parse(new File(dir, 'validation.json'))
assert validation.passed == false
assert validation.positiveClass == 'Active'
assert validation.evaluation.method == 'cv'
assert validation.evaluation.rows == 856
def byMetric = validation.thresholds.collectEntries { [(it.metric): it] }
assert byMetric.recall.passed == false && byMetric.recall.actual == 0 && byMetric.recall.bound == 0.9
assert byMetric.accuracy.passed == true && Math.abs(byMetric.accuracy.actual - 844 / 856) < 1e-9
// precision is undefined when nothing is predicted positive: null, not 0 or NaN, and its threshold fails
assert validation.metrics.containsKey('precision') && validation.metrics.precision == null
assert byMetric.precision.passed == false && byMetric.precision.actual == null

def summary = new File(dir, 'summary.md').text
assert summary.contains('| recall |') && summary.toLowerCase().contains('breach')
def junit = new XmlSlurper().parse(new File(dir, 'TEST-ml-breach-fails.xml'))
assert junit.@failures == '2'
assert junit.testcase.find { it.@name.text().startsWith('recall') }.failure.size() == 1
