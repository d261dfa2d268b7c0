import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/no-gate-passes')

assert log.contains('BUILD SUCCESS')
assert log.contains('No gate is configured')
def validation = new JsonSlurper().parse(new File(dir, 'validation.json'))
assert validation.passed == true
assert validation.gateConfigured == false
assert validation.thresholds == []
assert new File(dir, 'summary.md').text.contains('No gate is configured')
def junit = new XmlSlurper().parse(new File(dir, 'TEST-ml-no-gate-passes.xml'))
assert junit.@skipped == '1'
