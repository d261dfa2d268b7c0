def log = new File(basedir, 'build.log').text
def port = new File(basedir, 'closed-port.txt').text.trim()
assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') && it.contains('train') }
assert error != null
// the element, the master and what to do
assert error.contains('<spark><master>') || error.contains('spark/master') || error.contains('<master>')
assert error.contains("spark://127.0.0.1:${port}")
assert error =~ /(?i)cannot be reached|refused|unreachable/
// bounded: it failed at the pre-check, not after Spark's own minute of retries
def total = (log =~ /Total time:\s+([\d.:]+) (s|min)/)
assert total.find()
assert total.group(2) == 's' && Double.parseDouble(total.group(1)) < 50
// nothing was written as a model
assert !new File(basedir, 'target/ml/spark-master-unreachable/spark-master-unreachable.model').exists()
assert !new File(basedir, 'target/ml/spark-master-unreachable/model-card.json').exists()
