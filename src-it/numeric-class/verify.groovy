import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def card = new JsonSlurper().parse(new File(basedir, 'target/ml/numeric-class/model-card.json'))
def validation = new JsonSlurper().parse(new File(basedir, 'target/ml/numeric-class/validation.json'))

assert log.contains('BUILD SUCCESS')
assert card.schema.classAttribute == 'class'
assert card.schema.classType == 'numeric'
assert card.schema.positiveClass == null
assert validation.classType == 'numeric'
assert validation.metrics.keySet() == ['rmse', 'mae', 'r2', 'correlation'] as Set
assert validation.metrics.values().every { it != null }
assert validation.confusionMatrix == null
assert validation.passed == true
def byMetric = validation.thresholds.collectEntries { [(it.metric): it] }
assert byMetric.rmse.comparator == '<='
assert byMetric.r2.comparator == '>=' && byMetric.correlation.comparator == '>='

// `java weka.classifiers.functions.LinearRegression -t cpu.arff -x 10 -s 1` (Weka 3.8.7):
// correlation 0.9012, mean absolute error 41.0886, root mean squared error 69.556
def m = validation.metrics
assert validation.evaluation.method == 'cv' && validation.evaluation.rows == 209
assert Math.abs(m.correlation - 0.9012) < 5e-5
assert Math.abs(m.mae - 41.0886) < 5e-5
assert Math.abs(m.rmse - 69.556) < 5e-4
assert m.r2 > 0.5 && m.r2 <= 1
