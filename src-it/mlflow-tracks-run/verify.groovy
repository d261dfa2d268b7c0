// Everything ml:validate logged, read back from the real MLflow server through its REST API and compared with the
// files the builds wrote: the experiment (created by run 1, reused by run 2), one run per build with its params,
// metrics, tags and status, and the model as run artifacts.
import groovy.json.JsonSlurper

import java.security.MessageDigest

def mlflow = evaluate(new File(itFixtures, 'mlflow.groovy'))
def sha256 = { byte[] bytes -> MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString() }

def model = 'mlflow-tracks-run'
def dir = new File(basedir, "target/ml/${model}")
def builds = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 2
assert builds[0].contains('BUILD SUCCESS')
assert builds[1].contains('BUILD FAILURE')
assert !builds.any { it.contains('[WARNING] Could not') } // every MLflow step succeeded

// the experiment: created by run 1 (its id in the log), found and reused by run 2, and only one of that name
def experiment = mlflow.getJson('experiments/get-by-name', [experiment_name: model]).experiment
assert experiment.lifecycle_stage == 'active'
assert builds[0].contains("Created the MLflow experiment ${model} (id ${experiment.experiment_id})")
assert !builds[1].contains('Created the MLflow experiment')
def named = mlflow.postJson('experiments/search', [filter: "name = '${model}'", max_results: 10]).experiments
assert named*.experiment_id == [experiment.experiment_id]

// one run per build, both FINISHED (a missed gate is a completed run, not a crashed one), the newest first
def runs = mlflow.postJson('runs/search', [experiment_ids: [experiment.experiment_id], order_by: ['attributes.start_time DESC',
        'attributes.end_time DESC']]).runs
assert runs.size() == 2
def record = new JsonSlurper().parse(new File(dir, 'mlflow-run.json'))
assert record.experimentId == experiment.experiment_id
def failedId = record.runId // mlflow-run.json is run 2's
def passedId = (runs*.info*.run_id - failedId).first()
def logged = { String build -> (build =~ /Logged \d+ params, \d+ metrics and \d+ tags.* to MLflow run (\w+) /).with { it.find() ? it.group(1) : null } }
assert logged(builds[0]) == passedId
assert logged(builds[1]) == failedId
assert new File(dir, 'summary.md').text.contains("MLflow: run [${failedId}]")

def keyed = { list -> (list ?: []).collectEntries { [(it.key): it.value] } }
def validation = new JsonSlurper().parse(new File(dir, 'validation.json'))
def card = new JsonSlurper().parse(new File(dir, 'model-card.json'))
def modelFile = new File(dir, "${model}.model")
assert sha256(modelFile.bytes) == card.modelSha256

[[passedId, 'true'], [failedId, 'false']].each { String runId, String passed ->
    def run = mlflow.getJson('runs/get', [run_id: runId]).run
    assert run.info.status == 'FINISHED'
    assert run.info.lifecycle_stage == 'active'
    assert run.info.end_time >= run.info.start_time
    assert run.info.artifact_uri == "mlflow-artifacts:/${experiment.experiment_id}/${runId}/artifacts"

    def params = keyed(run.data.params)
    assert params.algorithm == 'weka.classifiers.trees.J48'
    assert params.options == card.options
    assert params.seed == card.seed.toString()
    assert params.wekaVersion == '3.8.7'
    assert params['data.data/weather.nominal.arff.rows'] == '14'
    assert params['data.data/weather.nominal.arff.sha256'] == card.data.files[0].sha256
    assert params['evaluation.method'] == 'cv'
    assert params['evaluation.folds'] == validation.evaluation.folds.toString()
    assert params['evaluation.rows'] == '14'

    // the figures the gate judged, as validation.json has them (both runs: the same model on the same folds)
    def metrics = keyed(run.data.metrics)
    def expected = validation.metrics.findAll { k, v -> v != null }
    assert !expected.isEmpty()
    expected.each { k, v -> assert (metrics[k] as double) == (v as double): "metric ${k}" }
    validation.perClass.each { cls, m ->
        assert (metrics["class.${cls}.support"] as double) == (m.support as double)
        if (m.recall != null) {
            assert (metrics["class.${cls}.recall"] as double) == (m.recall as double)
        }
    }

    def tags = keyed(run.data.tags)
    assert tags['ml.validation.passed'] == passed
    assert tags['ml.modelName'] == model
    assert tags['ml.modelSha256'] == card.modelSha256
    assert tags['mlflow.source.type'] == 'JOB'
    // <model>-<short commit> in the checkout's git repository, the model name alone outside one
    assert tags['mlflow.runName'] ==~ /${model}(-[0-9a-f]{7})?/
    assert run.info.run_name == tags['mlflow.runName']

    // the model a data scientist downloads from the run is the model the build wrote, byte for byte
    def listed = mlflow.getJson('artifacts/list', [run_id: runId, path: 'model']).files ?: []
    assert listed*.path.toSet() == ["model/${model}.model", 'model/model-card.json'].toSet()
    assert listed.find { it.path.endsWith('.model') }.file_size as long == modelFile.length()
    def downloaded = mlflow.download("${experiment.experiment_id}/${runId}/artifacts/model/${model}.model")
    assert sha256(downloaded) == card.modelSha256
    def downloadedCard = new JsonSlurper().parse(mlflow.download(
            "${experiment.experiment_id}/${runId}/artifacts/model/model-card.json"))
    assert downloadedCard.modelSha256 == card.modelSha256
    def root = mlflow.getJson('artifacts/list', [run_id: runId]).files*.path
    assert root.contains('validation.json')
}

// the failed gate is visible as such in MLflow: a 0 to sort and chart by, and the verdict as the run's description
def failed = mlflow.getJson('runs/get', [run_id: failedId]).run
assert (keyed(failed.data.metrics).validation_passed as double) == 0.0d
assert (keyed(mlflow.getJson('runs/get', [run_id: passedId]).run.data.metrics).validation_passed as double) == 1.0d
assert keyed(failed.data.tags)['mlflow.note.content'] =~ /accuracy/
assert validation.passed == false
