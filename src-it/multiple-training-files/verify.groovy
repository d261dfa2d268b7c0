import groovy.json.JsonSlurper
import java.security.MessageDigest

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def log = new File(basedir, 'build.log').text
def card = new JsonSlurper().parse(new File(basedir, 'target/ml/multiple-training-files/model-card.json'))

assert log.contains('BUILD SUCCESS')
// part-1 holds setosa and half the versicolor rows, part-2 the rest: the class values are the union
assert card.data.files*.path == ['data/part-1.csv', 'data/part-2.csv']
assert card.data.files*.rows == [75, 75]
card.data.files.each { assert it.sha256 == sha256(new File(basedir, it.path)) }
assert card.data.totalRows == 150
assert card.data.classDistribution == ['Iris-setosa': 50, 'Iris-versicolor': 50, 'Iris-virginica': 50]
def classAttribute = card.schema.attributes.find { it.name == 'class' }
assert classAttribute.type == 'nominal'
assert classAttribute.values as Set == ['Iris-setosa', 'Iris-versicolor', 'Iris-virginica'] as Set
assert card.schema.attributes.findAll { it.type == 'numeric' }*.name == ['sepallength', 'sepalwidth', 'petallength', 'petalwidth']

def validation = new JsonSlurper().parse(new File(basedir, 'target/ml/multiple-training-files/validation.json'))
assert validation.evaluation.method == 'cv'
assert validation.evaluation.rows == 150
