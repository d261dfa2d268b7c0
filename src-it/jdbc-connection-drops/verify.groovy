import groovy.json.JsonSlurper

def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
def runs = new File(basedir, 'build.log').getText('UTF-8').split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3
def model = new File(basedir, 'target/ml/jdbc-connection-drops')

// build 2: the connection ended after some rows were read; an error naming the source, no training
assert runs[1].contains('2 of 2 SQL statements executed successfully')
def error = runs[1].readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains('jdbc:postgresql://localhost:') && error.contains('/jdbc_connection_drops')
// half-way: four fetches of 50 rows had been read (and written to the temporary part) when it dropped
assert error.contains('failed after 200 rows')
assert runs[1].contains('No snapshot part was written and the recorded watermark did not move')
assert !runs[1].contains('Trained jdbc-connection-drops')
assert !runs[1].contains('labeller-secret')

// build 3 extracted the whole result again: the folder holds parts 1 and 2 and nothing else (no temporary file)
def parts = pg.snapshotParts(new File(model, 'data'))
assert parts*.sidecar*.rows == [300, 320]
assert new File(model, 'data').list().toList().sort() ==
        ['part-000001.csv', 'part-000001.json', 'part-000002.csv', 'part-000002.json']
assert runs[0].contains('Trained jdbc-connection-drops')
assert runs[2].contains('Trained jdbc-connection-drops')
def card = new JsonSlurper().parse(new File(model, 'model-card.json'))
assert card.data.totalRows == 320
assert card.data.extraction.parts*.sha256 == [parts[1].sidecar.sha256]
return true
