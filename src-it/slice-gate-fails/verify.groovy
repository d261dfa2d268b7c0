import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/slice-gate-fails')

// a verdict (MojoFailureException) naming the slice, the metric, its value and the bound; the overall gate passed
assert log.contains('BUILD FAILURE')
def failure = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') && it.contains('validate') }
assert failure != null
assert failure =~ /slice channel=atm: recall = 0\.\d+ \(required >= 0\.6\)/
assert !failure.contains('channel=web')
assert !failure.contains('recall = 0.8') && !failure.contains('required >= 0.8')

def validation = new JsonSlurper().parse(new File(dir, 'validation.json'))
assert validation.passed == false
assert validation.thresholds.size() == 1 && validation.thresholds[0].passed == true
assert validation.metrics.recall >= 0.8
def slices = validation.slices.slices.collectEntries { [(it.name): it] }
assert slices.keySet() == ['channel=atm', 'channel=pos', 'channel=web'] as Set
// the test rows per channel, as data/generate.py wrote them
assert slices['channel=atm'].rows == 135 && slices['channel=web'].rows == 666 && slices['channel=pos'].rows == 699
assert slices.values().every { it.status == 'judged' }
assert slices['channel=atm'].metrics.recall < 0.6
assert slices['channel=web'].metrics.recall == 1.0
def rules = validation.slices.rules
assert rules*.slice == ['channel=atm', 'channel=web']
assert rules*.status == ['breach', 'pass']
assert rules[0].actual == slices['channel=atm'].metrics.recall

// one JUnit case per slice rule, after the threshold's
def junit = new XmlSlurper().parse(new File(dir, 'TEST-ml-slice-gate-fails.xml'))
assert junit.@tests == '3' && junit.@failures == '1'
assert junit.testcase.find { it.@name.text() == 'slice channel=atm recall >= 0.6' }.failure.@type == 'SliceBreach'

def summary = new File(dir, 'summary.md').text
assert summary.contains('| `channel=atm` | 135 | judged |')
assert summary.contains('❌ slice `channel=atm`: recall = ')
assert log.contains('BREACH  slice channel=atm: recall = ')
def report = new File(dir, 'report.html').text
assert report.contains('<section id="slices">') && report.contains('<code>channel=atm</code>')
