import groovy.json.JsonSlurper

def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
def runs = new File(basedir, 'build.log').getText('UTF-8').split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 4
runs.each { assert it.contains('BUILD SUCCESS') }
def model = new File(basedir, 'target/ml/jdbc-incremental')
def ids = { File csv ->
    def lines = csv.readLines('UTF-8')
    int column = lines[0].split(',').toList().indexOf('id')
    lines.drop(1).collect { it.split(',')[column] as long }
}

// three parts, each holding exactly the rows new at its build, the ranges chained
def parts = pg.snapshotParts(new File(model, 'data'))
assert parts*.csv*.name == ['part-000001.csv', 'part-000002.csv', 'part-000003.csv']
assert parts*.sidecar*.rows == [200, 50, 30]
assert ids(parts[0].csv) == (1..200).toList()
assert ids(parts[1].csv) == (201..250).toList()
assert ids(parts[2].csv) == (251..280).toList()
parts*.sidecar.each { assert it.watermarkColumn == 'labelled_at' && it.tieBreaker == 'id' }
def ranges = parts*.sidecar*.range
assert ranges[0].fromExclusive == null
assert ranges[0].toInclusive.value.startsWith('2026-01-01T03:20') && ranges[0].toInclusive.tieBreaker == '200'
assert ranges[1].fromExclusive == ranges[0].toInclusive
assert ranges[1].toInclusive.value.startsWith('2026-01-01T04:10') && ranges[1].toInclusive.tieBreaker == '250'
assert ranges[2].fromExclusive == ranges[1].toInclusive
assert ranges[2].toInclusive.value.startsWith('2026-01-01T04:40') && ranges[2].toInclusive.tieBreaker == '280'

// trained in builds 1, 2 and 4; build 3 only extracted
assert runs[0].contains('Trained jdbc-incremental')
assert runs[1].contains('Trained jdbc-incremental')
assert !runs[2].contains('Trained jdbc-incremental') && !runs[2].contains('Cross-validating')
assert runs[3].contains('Trained jdbc-incremental')
assert !new File(model, 'data/part-000004.csv').exists()

// the card of build 4: all 280 rows from the three parts, the watermark columns not attributes of the model
def card = new JsonSlurper().parse(new File(model, 'model-card.json'))
def extraction = card.data.extraction
assert extraction.rows == 280
assert extraction.parts*.sha256 == parts*.sidecar*.sha256
assert extraction.parts*.rows == [200, 50, 30]
assert extraction.watermarkColumn == 'labelled_at' && extraction.tieBreaker == 'id'
assert extraction.watermarkTo.startsWith('2026-01-01T04:40')
assert card.data.totalRows == 280
assert card.schema.attributes*.name == ['amount', 'merchant', 'hour', 'label']
def counts = pg.rows(basedir, 'SELECT label, count(*) AS n FROM labelled_events GROUP BY label')
assert card.data.classDistribution == counts.collectEntries { [it.label, it.n] }
assert !new File(basedir, 'build.log').text.contains('labeller-secret')
return true
