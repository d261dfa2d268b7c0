import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def card = new JsonSlurper().parse(new File(basedir, 'target/ml/date-attributes/model-card.json'))
def validation = new JsonSlurper().parse(new File(basedir, 'target/ml/date-attributes/validation.json'))
def attribute = { String name -> card.schema.attributes.find { it.name == name } }

assert log.contains('BUILD SUCCESS')
// inferred from ISO-8601 values (times, no fractions); declared with the pattern of the other column
assert attribute('visit').type == 'date' && attribute('visit').format == "yyyy-MM-dd'T'HH:mm:ss"
assert attribute('booked').type == 'date' && attribute('booked').format == 'dd.MM.yyyy HH:mm'
assert attribute('amount').type == 'numeric' && attribute('amount').format == null
assert attribute('class').type == 'nominal' && attribute('class').values == ['old', 'new']
assert card.trainedOn.rowCount == 120
// the ARFF test data is read against the CSV's schema; the class is the year of the visit, which J48 splits on
assert validation.evaluation.method == 'test'
assert validation.evaluation.rows == 40
assert validation.metrics.accuracy >= 0.95
