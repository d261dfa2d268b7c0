import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def validation = new JsonSlurper().parse(new File(basedir, 'target/ml/evaluation-cv/validation.json'))

assert log.contains('BUILD SUCCESS')
assert validation.evaluation.method == 'cv'
assert validation.evaluation.rows == 768
assert validation.evaluation.folds == 10
assert validation.evaluation.seed == 1
assert validation.evaluation.data*.path == ['data/diabetes.arff']

// `java weka.classifiers.trees.J48 -t diabetes.arff -x 10 -s 1` (Weka 3.8.7): 567 of 768 correct,
// confusion matrix [[407, 93], [108, 160]], kappa 0.4164, and for tested_positive ROC area 0.751
def m = validation.metrics
assert Math.abs(m.accuracy - 567 / 768) < 1e-9
assert Math.abs(m.recall - 160 / 268) < 1e-9
assert Math.abs(m.precision - 160 / 253) < 1e-9
assert Math.abs(m.kappa - 0.4164) < 5e-5
assert Math.abs(m.rocAuc - 0.751) < 5e-4
// class tested_positive in Weka's "Detailed Accuracy By Class" (three decimals)
[f1: 0.614, mcc: 0.417, prAuc: 0.572].each { name, value -> assert Math.abs(m[name] - value) < 5e-4 }
assert validation.confusionMatrix.labels == ['tested_negative', 'tested_positive']
assert validation.confusionMatrix.counts == [[407, 93], [108, 160]]
assert validation.perClass.tested_positive.support == 268
