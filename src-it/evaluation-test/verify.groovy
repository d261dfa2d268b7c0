import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def card = new JsonSlurper().parse(new File(basedir, 'target/ml/evaluation-test/model-card.json'))
def validation = new JsonSlurper().parse(new File(basedir, 'target/ml/evaluation-test/validation.json'))

assert log.contains('BUILD SUCCESS')
assert validation.evaluation.method == 'test'
assert validation.evaluation.rows == 200
assert validation.evaluation.data*.path == ['data/credit-g-test.csv']
assert validation.evaluation.data[0].rows == 200
assert card.trainedOn.rows == 'all' && card.trainedOn.rowCount == 800
// 136 good and 64 bad test rows, counted under the right labels although the test CSV lists 'bad' first
assert validation.perClass.good.support == 136
assert validation.perClass.bad.support == 64
assert validation.positiveClass == 'bad'
// had the labels been mapped by position, accuracy would be far below the 0.7 of the ARFF run
assert validation.metrics.accuracy > 0.65
