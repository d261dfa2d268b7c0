import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper
import java.security.MessageDigest

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/train-validate-pass')

assert log.contains('BUILD SUCCESS')
// progress: rows read, training time
assert log.readLines().any { it.contains('data/credit-g-train.arff') && it.contains('800 rows') }
assert log =~ /Trained train-validate-pass in [\d.]+ s/
assert log.contains('Gate passed')

def model = new File(dir, 'train-validate-pass.model')
assert model.isFile() && model.length() > 0

def card = new JsonSlurper().parse(new File(dir, 'model-card.json'))
assert card.schemaVersion == 1
assert card.modelName == 'train-validate-pass'
assert card.algorithm == 'weka.classifiers.trees.J48'
assert card.wekaVersion == '3.8.7'
assert card.modelSha256 == sha256(model)
assert card.data.files.size() == 1
assert card.data.files[0].path == 'data/credit-g-train.arff'
assert card.data.files[0].sha256 == sha256(new File(basedir, 'data/credit-g-train.arff'))
assert card.data.files[0].rows == 800
assert card.data.totalRows == 800
assert card.data.classDistribution == [good: 564, bad: 236]
assert card.schema.classAttribute == 'class'
assert card.schema.positiveClass == 'bad'
assert card.schema.attributes.size() == 21

// the figures of `weka.classifiers.trees.J48 -t credit-g-train.arff -T credit-g-test.arff`: 143 of 200 correct
def validation = new JsonSlurper().parse(new File(dir, 'validation.json'))
assert validation.passed == true
assert validation.modelSha256 == card.modelSha256
assert validation.evaluation.method == 'test'
assert validation.evaluation.rows == 200
assert Math.abs(validation.metrics.accuracy - 0.715) < 1e-9
assert Math.abs(validation.metrics.recall - 27 / 64) < 1e-9
// class 'bad' in Weka's "Detailed Accuracy By Class" (three decimals), and its kappa
def weka = [precision: 0.574, f1: 0.486, mcc: 0.302, rocAuc: 0.658, prAuc: 0.495, kappa: 0.2956]
weka.each { name, value -> assert Math.abs(validation.metrics[name] - value) < (name == 'kappa' ? 5e-5 : 5e-4) }
assert validation.thresholds*.metric as Set == ['accuracy', 'rocAuc'] as Set
assert validation.thresholds.every { it.passed && it.comparator == '>=' && it.actual != null }

def summary = new File(dir, 'summary.md').text
assert summary.contains('| metric | value | threshold | result |')
assert summary =~ /\| accuracy \| 0\.7150 \|/

def junit = new XmlSlurper().parse(new File(dir, 'TEST-ml-train-validate-pass.xml'))
assert junit.@tests == '2'
assert junit.@failures == '0'
assert junit.testcase.size() == 2
