import groovy.json.JsonSlurper

def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('BUILD SUCCESS')
assert !log.contains('OutOfMemoryError') && !log.contains('Java heap space')
def model = new File(basedir, 'target/ml/jdbc-million-rows')
def train = pg.snapshotParts(new File(model, 'data'))
def test = pg.snapshotParts(new File(model, 'test-data'))
assert train*.sidecar*.rows == [900000]
assert test*.sidecar*.rows == [100000]

def card = new JsonSlurper().parse(new File(model, 'model-card.json'))
assert card.data.totalRows == 900000
assert card.data.extraction.rows == 900000
def counts = pg.rows(basedir, 'SELECT label, count(*) AS n FROM events WHERE id % 10 <> 0 GROUP BY label')
assert card.data.classDistribution == counts.collectEntries { [it.label, it.n] }
def validation = new JsonSlurper().parse(new File(model, 'validation.json'))
assert validation.evaluation.rows == 100000
return true
