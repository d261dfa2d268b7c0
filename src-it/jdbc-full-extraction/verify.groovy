import groovy.xml.XmlSlurper
import groovy.json.JsonSlurper
import java.security.MessageDigest

def pg = evaluate(new File(itFixtures, 'postgres.groovy'))
def sha256 = { byte[] bytes -> MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString() }
def log = new File(basedir, 'build.log').getText('UTF-8')
def runs = log.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2
def pom = new XmlSlurper().parse(new File(basedir, 'pom.xml'))
def driver = "org.postgresql:postgresql:${pom.build.plugins.plugin.dependencies.dependency.version.text()}"
def query = pom.build.plugins.plugin.configuration.trainingData.jdbc.query.text()
def model = new File(basedir, 'target/ml/jdbc-full-extraction')

// one part: the query's 120 rows, every column of the result (the exclusion applies when the model reads them)
def parts = pg.snapshotParts(new File(model, 'data'))
assert parts*.csv*.name == ['part-000001.csv']
def sidecar = parts[0].sidecar
assert sidecar.rows == 120
assert sidecar.columns == ['id', 'labelled_at', 'amount', 'merchant', 'hour', 'label']
assert parts[0].csv.readLines('UTF-8')[0] == 'id,labelled_at,amount,merchant,hour,label'
assert sidecar.querySha256 == sha256(query.getBytes('UTF-8'))
assert sidecar.driver == driver
assert sidecar.watermarkColumn == null && sidecar.range == null
def url = "jdbc:postgresql://localhost:${pg.port()}/jdbc_full_extraction"
assert sidecar.url.startsWith(url)
assert sidecar.url.contains('ApplicationName=ml-it')
assert !sidecar.url.contains('labeller') && !sidecar.url.contains('password')

// the card: the extraction, the excluded columns gone, the class counts those of the table
def card = new JsonSlurper().parse(new File(model, 'model-card.json'))
def extraction = card.data.extraction
assert extraction.url == sidecar.url
assert extraction.querySha256 == sidecar.querySha256
assert extraction.driver == driver
assert extraction.rows == 120
assert extraction.parts.collect { [it.sha256, it.rows] } == [[sidecar.sha256, 120]]
assert extraction.parts[0].path.endsWith('part-000001.csv')
assert card.data.totalRows == 120
assert card.schema.attributes*.name == ['amount', 'merchant', 'hour', 'label']
def counts = pg.rows(basedir, 'SELECT label, count(*) AS n FROM labelled_events GROUP BY label')
assert card.data.classDistribution == counts.collectEntries { [it.label, it.n] }
assert runs[0].contains('Trained jdbc-full-extraction')

// run 2: the same rows, so no second part and no training
assert runs[1].contains('BUILD SUCCESS')
assert !new File(model, 'data/part-000002.csv').exists()
assert !runs[1].contains('Trained jdbc-full-extraction')
assert runs[1].readLines().any { it.contains('up to date') && it.contains('skipping training') }

// the password in the URL is in no output
assert !log.contains('labeller-secret')
model.eachFileRecurse { assert !it.isFile() || !it.getText('UTF-8').contains('labeller-secret') }
return true
