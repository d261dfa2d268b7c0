import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/iris-by-properties')
def card = new JsonSlurper().parse(new File(dir, 'model-card.json'))
def validation = new JsonSlurper().parse(new File(dir, 'validation.json'))

assert log.contains('BUILD SUCCESS')
assert new File(dir, 'iris-by-properties.model').isFile()
assert card.modelName == 'iris-by-properties'
assert card.data.files*.path == ['data/part-1.csv', 'data/part-2.csv']
assert card.schema.classAttribute == 'class'
assert card.schema.positiveClass == 'Iris-versicolor'
assert card.algorithm == 'weka.classifiers.meta.FilteredClassifier'
assert card.options == '-F "weka.filters.unsupervised.attribute.Discretize -B 5 -R first-last" -W weka.classifiers.trees.J48'
assert card.seed == 3
assert validation.evaluation.method == 'test'
assert validation.evaluation.data*.path == ['data/iris.arff']
assert validation.thresholds*.metric as Set == ['accuracy', 'recall'] as Set
assert validation.passed == true
