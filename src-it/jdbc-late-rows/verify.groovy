def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
def runs = new File(basedir, 'build.log').getText('UTF-8').split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3
runs.each { assert it.contains('BUILD SUCCESS') }
def model = new File(basedir, 'target/ml/jdbc-late-rows')
def ids = { File csv ->
    def lines = csv.readLines('UTF-8')
    int column = lines[0].split(',').toList().indexOf('id')
    lines.drop(1).collect { it.split(',')[column] as long }
}

def parts = pg.snapshotParts(new File(model, 'data'))
assert parts*.csv*.name == ['part-000001.csv', 'part-000002.csv']
assert ids(parts[0].csv) == (1..100).toList()
// the late rows came with build 3, not build 2
assert ids(parts[1].csv) == (101..120).toList()
assert parts[1].sidecar.range.fromExclusive == parts[0].sidecar.range.toInclusive
assert parts[1].sidecar.range.toInclusive.tieBreaker == '120'
assert parts[1].sidecar.extractedAt > parts[0].sidecar.extractedAt

assert runs[0].contains('Trained jdbc-late-rows')
// build 2: nothing old enough was new, so nothing changed: training skipped as for unchanged files
assert !runs[1].contains('Trained jdbc-late-rows')
assert runs[1].readLines().any { it.contains('up to date') && it.contains('skipping training') }
assert runs[2].contains('Trained jdbc-late-rows')
def card = new groovy.json.JsonSlurper().parse(new File(model, 'model-card.json'))
assert card.data.extraction.rows == 120
assert card.data.totalRows == 120
return true
