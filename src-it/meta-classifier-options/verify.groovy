import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def card = new JsonSlurper().parse(new File(basedir, 'target/ml/meta-classifier-options/model-card.json'))
def validation = new JsonSlurper().parse(new File(basedir, 'target/ml/meta-classifier-options/validation.json'))

assert log.contains('BUILD SUCCESS')
assert card.algorithm == 'weka.classifiers.meta.FilteredClassifier'
assert card.options == '-F "weka.filters.unsupervised.attribute.Discretize -B 10 -R first-last" -W weka.classifiers.bayes.NaiveBayes'
assert card.effectiveOptions.contains('weka.filters.unsupervised.attribute.Discretize -B 10')
assert card.effectiveOptions.contains('-W weka.classifiers.bayes.NaiveBayes')

// java weka.classifiers.meta.FilteredClassifier -t diabetes.arff -x 10 -s 1
//   -F "weka.filters.unsupervised.attribute.Discretize -B 10 -R first-last" -W weka.classifiers.bayes.NaiveBayes
// (Weka 3.8.7): 586 of 768 correct, confusion matrix [[410, 90], [92, 176]]
assert validation.passed == true
assert validation.evaluation.method == 'cv'
assert Math.abs(validation.metrics.accuracy - 586 / 768) < 1e-9
assert validation.confusionMatrix.counts == [[410, 90], [92, 176]]
