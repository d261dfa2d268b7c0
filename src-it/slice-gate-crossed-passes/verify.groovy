import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/slice-gate-crossed-passes')
assert log.contains('BUILD SUCCESS')

def validation = new JsonSlurper().parse(new File(dir, 'validation.json'))
assert validation.passed == true && validation.gateConfigured == true
def slices = validation.slices.slices
def names = slices*.name
// every channel and country crossed (in the order of <attributes>), the bins of amount, channel=phone (no test rows)
assert names.containsAll(['channel=web', 'channel=pos', 'channel=atm', 'channel=phone',
        'channel=web,country=NL', 'channel=atm,country=FR', 'amount=[0,100)', 'amount=[100,1000)', 'amount>=1000'])
assert !names.contains('amount<0') // no row has a negative amount, and no rule names that slice
def byName = slices.collectEntries { [(it.name): it] }
assert byName['channel=phone'].status == 'missing' && byName['channel=phone'].rows == 0
// 33 test rows have an amount of at least 1000: fewer than <minSliceSize>
assert byName['amount>=1000'].rows == 33 && byName['amount>=1000'].status == 'too-small'
assert slices.findAll { it.attributes == 'channel,country' }.sum { it.rows } == 1500
assert slices.findAll { it.attributes == 'amount' }.sum { it.rows } == 1500

def rules = validation.slices.rules.collectEntries { [(it.slice): it] }
assert rules.keySet() == ['channel=web,country=NL', 'amount>=1000', 'channel=phone', 'channel=pos,country=DE'] as Set
assert rules['channel=web,country=NL'].status == 'pass'
assert rules['channel=pos,country=DE'].status == 'pass' && rules['channel=pos,country=DE'].metric == 'f1'
assert rules['amount>=1000'].status == 'too-small' && rules['amount>=1000'].passed == true
assert rules['channel=phone'].status == 'missing' && rules['channel=phone'].passed == true

def junit = new XmlSlurper().parse(new File(dir, 'TEST-ml-slice-gate-crossed-passes.xml'))
assert junit.@tests == '4' && junit.@failures == '0' && junit.@skipped == '2'
assert log.contains('allowed by <allowMissingSlices>')
assert log.contains('Gate passed: 2 slice rules met, 2 not judged (too small, or missing and allowed)')
