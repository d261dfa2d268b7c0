import groovy.json.JsonSlurper

System.properties.remove('it.mlflow-tracks-run.server')?.stop(0)

def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/mlflow-tracks-run')
assert log.contains('BUILD SUCCESS')
assert log.contains('Created the MLflow experiment mlflow-tracks-run (id 7)')
assert log =~ /Logged \d+ params, \d+ metrics and \d+ tags to MLflow run a1b2c3/
assert !log.contains('[WARNING] Could not')

def requests = new File(basedir, 'mlflow-requests.jsonl').readLines().collect { new JsonSlurper().parseText(it) }
assert requests*.endpoint == ['experiments/get-by-name', 'experiments/create', 'runs/create', 'runs/log-batch', 'runs/update']
assert requests[0].query == 'experiment_name=mlflow-tracks-run'
assert requests[1].body.name == 'mlflow-tracks-run'
assert requests[2].body.experiment_id == '7'
assert requests[2].body.run_name ==~ /mlflow-tracks-run(-[0-9a-f]{7})?/ // <model>-<short commit>, or the model name outside git
def batch = requests[3].body
assert batch.run_id == 'a1b2c3'
def params = batch.params.collectEntries { [(it.key): it.value] }
assert params.algorithm == 'weka.classifiers.trees.J48'
assert params['data.data/weather.nominal.arff.rows'] == '14'
assert params['data.data/weather.nominal.arff.sha256'] ==~ /[0-9a-f]{64}/
assert params['evaluation.method'] == 'cv'
def metrics = batch.metrics.collectEntries { [(it.key): it.value] }
assert metrics.containsKey('accuracy')
def tags = batch.tags.collectEntries { [(it.key): it.value] }
assert tags['ml.validation.passed'] == 'true'
assert tags['ml.modelName'] == 'mlflow-tracks-run'
assert requests[4].body.status == 'FINISHED'

assert new JsonSlurper().parse(new File(dir, 'mlflow-run.json')).runId == 'a1b2c3'
assert new File(dir, 'summary.md').text.contains('MLflow: run [a1b2c3]')
