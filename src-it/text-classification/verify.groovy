import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def card = new JsonSlurper().parse(new File(basedir, 'target/ml/text-classification/model-card.json'))
def validation = new JsonSlurper().parse(new File(basedir, 'target/ml/text-classification/validation.json'))

assert log.contains('BUILD SUCCESS')
// free text is read as a string attribute, the label as nominal
assert card.schema.attributes*.name == ['text', 'label']
assert card.schema.attributes*.type == ['string', 'nominal']
assert card.data.files[0].rows == 120
assert validation.evaluation.method == 'test' && validation.evaluation.rows == 40

// the same rows as ARFF (text as a string attribute), evaluated by Weka 3.8.7:
// java weka.classifiers.meta.FilteredClassifier -t messages-train.arff -T messages-test.arff
//   -F "weka.filters.unsupervised.attribute.StringToWordVector -W 1000" -W weka.classifiers.bayes.NaiveBayesMultinomial
// 35 of 40 correct; ham: 30 right, 4 called spam; spam: 5 right, 1 called ham
def cm = validation.confusionMatrix
def count = { String actual, String predicted -> cm.counts[cm.labels.indexOf(actual)][cm.labels.indexOf(predicted)] }
assert Math.abs(validation.metrics.accuracy - 35 / 40) < 1e-9
assert [count('ham', 'ham'), count('ham', 'spam'), count('spam', 'ham'), count('spam', 'spam')] == [30, 4, 1, 5]
assert Math.abs(validation.metrics.recall - 5 / 6) < 1e-9
assert validation.passed == true
