import groovy.json.JsonSlurper
import java.security.MessageDigest
import java.util.concurrent.TimeUnit

// Runs after a failed build too: the cluster is stopped whatever the assertions say.
def stopCluster = {
    def pids = []
    def pidFile = new File(basedir, 'cluster-launcher.pid')
    if (pidFile.isFile()) {
        pids << Long.parseLong(pidFile.text.trim())
    }
    def output = new File(basedir, 'cluster.out')
    if (output.isFile()) {
        (output.text =~ /(?m)^(?:masterPid|workerPid\.\d+)=(\d+)$/).each { pids << Long.parseLong(it[1]) }
    }
    // the whole trees (the workers' executor JVMs too), collected before any dies and is re-parented
    def processes = pids.collectMany { pid ->
        ProcessHandle.of(pid).map { [it] + it.descendants().toList() }.orElse([])
    }.unique { it.pid() }
    processes.each { it.destroyForcibly() }
    processes.each { it.onExit().get(30, TimeUnit.SECONDS) }
    def alive = processes.findAll { it.alive }
    assert alive.isEmpty(): "Spark cluster processes still alive: ${alive*.pid()}"
    println "Spark cluster stopped: ${processes.size()} processes (PIDs ${processes*.pid()})"
}

try {
    def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
    def log = new File(basedir, 'build.log').text
    assert log.contains('BUILD SUCCESS')
    def master = (new File(basedir, 'cluster.out').text =~ /(?m)^master=(\S+)$/)[0][1]
    def json = { String path -> new JsonSlurper().parse(new File(basedir, path)) }

    def localCard = json('target/ml/rf-local2/model-card.json')
    def clusterCard = json('target/ml/rf-cluster/model-card.json')
    assert localCard.engine.master == 'local[2]'
    assert clusterCard.engine.master == master
    assert clusterCard.engine.partitions == 2 && localCard.engine.partitions == 2

    // the same model file, byte for byte, wherever the partitions ran
    def localSha = sha256(new File(basedir, 'target/ml/rf-local2/rf-local2.model'))
    def clusterSha = sha256(new File(basedir, 'target/ml/rf-cluster/rf-cluster.model'))
    assert clusterSha == localSha
    assert clusterCard.modelSha256 == clusterSha && localCard.modelSha256 == localSha
    assert clusterCard.data == localCard.data
    assert clusterCard.engine.aggregation == localCard.engine.aggregation

    def localValidation = json('target/ml/rf-local2/validation.json')
    def clusterValidation = json('target/ml/rf-cluster/validation.json')
    assert localValidation.passed == true && clusterValidation.passed == true
    assert clusterValidation.evaluation.rows == 200
    assert clusterValidation.metrics == localValidation.metrics
    println "rf-local2 and rf-cluster (${master}): model SHA-256 ${clusterSha}, accuracy ${clusterValidation.metrics.accuracy}"

    // the cluster's executors ran the tasks: the driver waited for them and said so
    assert log.contains("registered with ${master}")
} finally {
    stopCluster()
}
