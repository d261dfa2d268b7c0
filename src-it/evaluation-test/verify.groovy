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
// the same rows as credit-g-train/test.arff, so the same figures as
// `java weka.classifiers.trees.J48 -t credit-g-train.arff -T credit-g-test.arff`: 143 of 200 correct,
// confusion matrix [[116, 20], [37, 27]] (had the labels been mapped by position, they would be far off)
assert Math.abs(validation.metrics.accuracy - 143 / 200) < 1e-9
def cm = validation.confusionMatrix
def count = { String actual, String predicted -> cm.counts[cm.labels.indexOf(actual)][cm.labels.indexOf(predicted)] }
assert cm.labels as Set == ['good', 'bad'] as Set
assert [count('good', 'good'), count('good', 'bad'), count('bad', 'good'), count('bad', 'bad')] == [116, 20, 37, 27]
