import groovy.json.JsonSlurper
import java.security.MessageDigest

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def log = new File(basedir, 'build.log').text
def card = new JsonSlurper().parse(new File(basedir, 'target/ml/parquet-partitioned/model-card.json'))
def validation = new JsonSlurper().parse(new File(basedir, 'target/ml/parquet-partitioned/validation.json'))

assert log.contains('BUILD SUCCESS')
// the glob descends into the month folders; each file is one part, fingerprinted by the SHA-256 of its bytes
assert card.data.files*.path == ['data/events/month=2024-01/part-0.parquet',
                                 'data/events/month=2024-02/part-0.parquet',
                                 'data/events/month=2024-03/part-0.parquet']
assert card.data.files*.rows == [300, 250, 250]
card.data.files.each { assert it.sha256 == sha256(new File(basedir, it.path)) }
assert card.data.totalRows == 800
// streamed: the rows went to the classifier as they were read
assert log.contains('row by row as the data is read')
// pyarrow's int64 columns are numeric, its strings nominal, as the same columns of a CSV file are
def types = card.schema.attributes.collectEntries { [(it.name): it.type] }
assert types.duration == 'numeric' && types.credit_amount == 'numeric' && types.age == 'numeric'
assert types.checking_status == 'nominal' && types['class'] == 'nominal'
assert card.data.classDistribution == [good: 564, bad: 236]

assert validation.evaluation.method == 'test'
assert validation.evaluation.rows == 200
// the figures of the same rows read from credit-g-train.csv and credit-g-test.csv with this configuration
assert validation.metrics.accuracy == 0.72
assert validation.metrics.rocAuc == 0.7536764705882353
assert validation.metrics.prAuc == 0.5913946018350532
assert validation.metrics.mcc == 0.3172307045628475
