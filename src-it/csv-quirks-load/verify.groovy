import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def card = new JsonSlurper().parse(new File(basedir, 'target/ml/csv-quirks-load/model-card.json'))
def validation = new JsonSlurper().parse(new File(basedir, 'target/ml/csv-quirks-load/validation.json'))

assert log.contains('BUILD SUCCESS')
// rows end in CRLF (as Excel writes them); the BOM is not part of the first column's name; quotes around a header are removed
assert card.schema.attributes*.name == ['colour', 'size', 'weight', 'label']
// '?' and empty are missing values, so the columns stay numeric
assert card.schema.attributes*.type == ['nominal', 'numeric', 'numeric', 'nominal']
def colour = card.schema.attributes[0]
assert colour.values as Set == ['red, dark', 'blue', 'green\nlight', 'blue "navy"'] as Set
// a record whose quoted field spans two lines is one row
assert card.data.files[0].rows == 12
assert card.data.classDistribution == [yes: 6, no: 6]
assert validation.evaluation.method == 'test'
assert validation.evaluation.rows == 12
assert validation.passed == true
