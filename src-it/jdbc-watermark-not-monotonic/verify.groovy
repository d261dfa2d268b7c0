import groovy.json.JsonSlurper

def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
def runs = new File(basedir, 'build.log').getText('UTF-8').split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3
def model = new File(basedir, 'target/ml/jdbc-watermark-not-monotonic')
def ids = { File csv ->
    def lines = csv.readLines('UTF-8')
    int column = lines[0].split(',').toList().indexOf('id')
    lines.drop(1).collect { it.split(',')[column] as long }
}

// build 2: the seven rows below the watermark counted in a warning, not extracted; the three above it extracted
def warning = runs[1].readLines().find { it.startsWith('[WARNING]') && it.contains('below the recorded watermark') }
assert warning != null
assert warning.contains('[WARNING] 7 rows of jdbc:postgresql://localhost:')
assert warning.contains('labelled_at') && warning.contains('reset the history')
def parts = pg.snapshotParts(new File(model, 'data'))
assert parts*.csv*.name == ['part-000001.csv', 'part-000002.csv']
assert ids(parts[0].csv) == (1..100).toList()
assert ids(parts[1].csv) == (108..110).toList()
assert runs[1].contains('Trained jdbc-watermark-not-monotonic')
def card = new JsonSlurper().parse(new File(model, 'model-card.json'))
assert card.data.totalRows == 103

// build 3: the misspelt column named with the columns the result has; nothing written, the card of build 2 kept
def error = runs[2].readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains('<trainingData><jdbc><watermark><column>')
assert error.contains("no column 'labeled_at'")
assert error.contains('id, labelled_at, amount, merchant, hour, label')
assert pg.snapshotParts(new File(model, 'data'))*.sidecar*.sha256 == parts*.sidecar*.sha256
assert new File(model, 'data').list().toList().sort() ==
        ['part-000001.csv', 'part-000001.json', 'part-000002.csv', 'part-000002.json']
assert new JsonSlurper().parse(new File(model, 'model-card.json')) == card
return true
