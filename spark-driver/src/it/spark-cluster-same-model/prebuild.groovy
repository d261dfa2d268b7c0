// Starts a Spark standalone master and two workers (1 core, 1 GB each) on 127.0.0.1 with the launcher of spark-driver's
// test sources, from the class path spark-driver's pom wrote, and puts the master's URL into the pom. verify.groovy
// stops them by PID; should it never run, the launcher stops the cluster when this Maven JVM ends (its standard input
// closes).
def target = basedir.parentFile.parentFile
// the credit-g files of spark-algorithms (the invoker clones only the ITs it runs)
def data = new File(basedir, 'data')
data.mkdirs()
['credit-g-train.arff', 'credit-g-test.arff'].each { name ->
    new File(data, name).bytes = new File(target.parentFile, "src/it/spark-algorithms/data/${name}").bytes
}
def classPathFile = new File(target, 'it-spark-classpath.txt')
assert classPathFile.isFile(): "${classPathFile} is missing: spark-driver's pom writes it at pre-integration-test"
def classPath = [classPathFile.text.trim(), new File(target, 'test-classes').path, new File(target, 'classes').path]
        .join(File.pathSeparator)

def output = new File(basedir, 'cluster.out')
def java = new File(System.getProperty('java.home'), 'bin/java').path
def launcher = new ProcessBuilder(java, '-Xmx128m', '-cp', classPath, 'io.github.mlmaven.spark.testing.SparkCluster',
        new File(basedir, 'cluster').path, '2', '1g', '1')
        .directory(basedir)
        .redirectErrorStream(true)
        .redirectOutput(output)
        .start()
new File(basedir, 'cluster-launcher.pid').text = String.valueOf(launcher.pid())
// holds the launcher (and the pipe of its standard input) for as long as this JVM runs
Thread.startDaemon('spark-cluster-same-model') { launcher.waitFor() }

long started = System.nanoTime()
long deadline = started + 150_000_000_000L
while (!(output.text =~ /(?m)^ready$/)) {
    if (!launcher.alive) {
        throw new IllegalStateException("the Spark cluster launcher exited with ${launcher.exitValue()}:\n${output.text}")
    }
    if (System.nanoTime() > deadline) {
        ([launcher.toHandle()] + launcher.toHandle().descendants().toList()).each { it.destroyForcibly() }
        throw new IllegalStateException("the Spark cluster was not ready after 150 s:\n${output.text}")
    }
    Thread.sleep(200)
}
def master = (output.text =~ /(?m)^master=(\S+)$/)[0][1]
println "Spark cluster ${master} ready in ${String.format('%.1f', (System.nanoTime() - started) / 1e9)} s"
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('@sparkMaster@', master)
return true
