import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def json = { String model, String file -> new JsonSlurper().parse(new File(basedir, "target/ml/${model}/${file}")) }

// the same model twice: trained by engine local from the same data and seed
def localCard = json('credit-local', 'model-card.json')
def sparkCard = json('credit-spark', 'model-card.json')
assert localCard.modelSha256 == sparkCard.modelSha256
assert localCard.engine == null && sparkCard.engine == null

def local = json('credit-local', 'validation.json')
def spark = json('credit-spark', 'validation.json')

// where each evaluation ran
assert local.evaluation.engine == null
assert spark.evaluation.engine.name == 'spark'
assert spark.evaluation.engine.master == 'local[2]'
assert spark.evaluation.engine.partitions == 3
assert spark.evaluation.engine.sparkVersion ==~ /4\.\d+\.\d+.*/
assert log.contains('Evaluated credit-spark on Spark (local[2], 3 partitions) on 200 test rows')
assert new File(basedir, 'target/ml/credit-spark/summary.md').text.contains('evaluated on Spark')

// the same rows, and every figure equal (numbers to 1e-12, undefined ones undefined in both)
assert spark.evaluation.method == 'test' && local.evaluation.method == 'test'
assert spark.evaluation.rows == 200 && local.evaluation.rows == 200
assert spark.evaluation.data.collect { [it.sha256, it.rows] } == local.evaluation.data.collect { [it.sha256, it.rows] }
def same = { a, b, String what ->
    if (a instanceof Number && b instanceof Number) {
        assert Math.abs(a.doubleValue() - b.doubleValue()) <= 1e-12 : "${what}: spark ${a}, local ${b}"
    } else {
        assert a == b : "${what}: spark ${a}, local ${b}"
    }
}
assert spark.metrics.keySet() == local.metrics.keySet()
assert spark.metrics.keySet().containsAll(['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'prAuc', 'mcc', 'kappa'])
local.metrics.each { name, value -> same(spark.metrics[name], value, "metrics.${name}") }
assert spark.perClass.keySet() == local.perClass.keySet()
local.perClass.each { label, figures ->
    figures.each { name, value -> same(spark.perClass[label][name], value, "perClass.${label}.${name}") }
}
assert spark.confusionMatrix == local.confusionMatrix
assert spark.positiveClass == local.positiveClass

// the gate's verdicts equal, rule by rule
assert spark.gateConfigured == local.gateConfigured
assert spark.passed == local.passed && spark.passed == true
assert spark.thresholds.size() == 3
[spark.thresholds, local.thresholds].transpose().each { s, l ->
    assert s.metric == l.metric && s.comparator == l.comparator && s.bound == l.bound && s.passed == l.passed
    same(s.actual, l.actual, "thresholds.${s.metric}")
}

// the report's curves drawn from the same points
def localCurves = json('credit-local', 'curves.json')
def sparkCurves = json('credit-spark', 'curves.json')
assert sparkCurves.candidate == localCurves.candidate
