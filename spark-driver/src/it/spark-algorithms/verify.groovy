import groovy.json.JsonSlurper
import java.security.MessageDigest

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')

def card = { String model -> new JsonSlurper().parse(new File(basedir, "target/ml/${model}/model-card.json")) }
def validation = { String model -> new JsonSlurper().parse(new File(basedir, "target/ml/${model}/validation.json")) }

// how the two partitions' models are combined, per algorithm (docs/spark.md)
def combined = [nb: ~/(?i)sum/, rf: ~/(?i)pool/, logistic: ~/(?i)averag/, j48: ~/(?i)vote/]

['nb', 'rf', 'logistic', 'j48'].each { key ->
    def local = card("${key}-local")
    def spark = card("${key}-spark")
    def sparkModel = new File(basedir, "target/ml/${key}-spark/${key}-spark.model")

    // the local model says nothing of an engine; the Spark one records where and how it was trained
    assert local.engine == null
    assert spark.engine.name == 'spark'
    assert spark.engine.master == 'local[2]'
    assert spark.engine.partitions == 2
    assert spark.engine.sparkVersion ==~ /4\.\d+\.\d+.*/
    assert spark.engine.aggregation =~ combined[key]

    // an ordinary bundle: the card's hash is the model's, the data section is the local one's
    assert spark.modelSha256 == sha256(sparkModel)
    assert spark.data.totalRows == 800
    assert spark.data.files[0].sha256 == local.data.files[0].sha256
    assert spark.data.files[0].rows == 800
    assert spark.data.classDistribution == local.data.classDistribution
    assert spark.schema == local.schema
    assert new File(basedir, "target/ml/${key}-spark/data-profile.json").isFile()

    // validated by the same gates on the same 200 rows; figures close to the single-machine model's
    def v = validation("${key}-spark")
    def l = validation("${key}-local")
    assert v.passed == true && l.passed == true
    assert v.evaluation.rows == 200
    assert v.modelSha256 == spark.modelSha256
    double tolerance = key == 'nb' ? 0.02 : 0.08
    assert Math.abs(v.metrics.accuracy - l.metrics.accuracy) <= tolerance:
            "${key}: spark accuracy ${v.metrics.accuracy} vs local ${l.metrics.accuracy}"
    println "${key}: accuracy local ${l.metrics.accuracy} spark ${v.metrics.accuracy}; rocAuc local ${l.metrics.rocAuc} spark ${v.metrics.rocAuc}"
}

// the driver's progress reached the Maven log; Spark's own logging did not
assert log =~ /(?i)partition 0/
assert !log.contains('WARN NativeCodeLoader') && !log.contains('log4j')
