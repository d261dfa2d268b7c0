import groovy.json.JsonSlurper

def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
def runs = new File(basedir, 'build.log').getText('UTF-8').split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2
runs.each { assert it.contains('BUILD SUCCESS') && it.contains('Trained jdbc-new-label-later') }
def model = new File(basedir, 'target/ml/jdbc-new-label-later')
def parts = pg.snapshotParts(new File(model, 'data'))
assert parts*.sidecar*.rows == [100, 30]
assert !parts[0].csv.getText('UTF-8').contains('chargeback')
assert parts[1].csv.getText('UTF-8').contains('chargeback')

def card = new JsonSlurper().parse(new File(model, 'model-card.json'))
def label = card.schema.attributes.find { it.name == 'label' }
assert label.type == 'nominal'
assert label.values as Set == ['legit', 'fraud', 'chargeback'] as Set
def counts = pg.rows(basedir, 'SELECT label, count(*) AS n FROM labelled_events GROUP BY label')
assert counts.size() == 3
assert card.data.classDistribution == counts.collectEntries { [it.label, it.n] }
assert card.data.classDistribution.chargeback == 10
def validation = new JsonSlurper().parse(new File(model, 'validation.json'))
assert validation.evaluation.rows == 130
return true
