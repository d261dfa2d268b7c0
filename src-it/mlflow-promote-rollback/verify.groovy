// The model registry of the real MLflow server after two promotions and a rollback, read back through its REST API and
// compared with the plugin's own record (the registry branch in origin.git) and the validation runs.
import groovy.json.JsonSlurper

import java.security.MessageDigest

def mlflow = evaluate(new File(itFixtures, 'mlflow.groovy'))
def git = evaluate(new File(itFixtures, 'git-project.groovy')).git
def sha256 = { byte[] bytes -> MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString() }
def keyed = { list -> (list ?: []).collectEntries { [(it.key): it.value] } }

def model = 'mlflow-promote-rollback'
def builds = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert builds.size() == 3
builds.each { assert it.contains('BUILD SUCCESS') }
assert !builds.any { it.contains('[WARNING] Could not') } // every MLflow step succeeded
assert builds[0].contains('production is now 1.3.0') && builds[1].contains('production is now 1.3.1')
assert builds[2].contains("Rolled back ${model}: production is now 1.3.0")

// the plugin's own record: the SHA-256 of each promoted model and the commit it was trained from
def registry = new JsonSlurper().parseText(git(new File(basedir, 'origin.git'), 'show', "ml-registry:models/${model}.json"))
assert registry.production == '1.3.0'
def promoted = registry.versions.collectEntries { [(it.version): it] }
def commit = git(basedir, 'rev-parse', 'main')

// the validation run of each build, in the experiment named after the model
def experiment = mlflow.getJson('experiments/get-by-name', [experiment_name: model]).experiment
def runs = mlflow.postJson('runs/search', [experiment_ids: [experiment.experiment_id]]).runs
def validationRuns = runs.findAll { keyed(it.data.tags)['ml.validation.passed'] != null }
assert validationRuns.size() == 2
def runOf = { String version -> validationRuns.find { keyed(it.data.tags)['ml.modelSha256'] == promoted[version].modelSha256 } }

// one MLflow version per promotion, registered from the model folder of its validation run
def versions = mlflow.getJson('model-versions/search', [filter: "name='${model}'"]).model_versions
assert versions.size() == 2
def byRelease = versions.collectEntries { [(keyed(it.tags)['ml.version']): it] }
assert byRelease.keySet() == ['1.3.0', '1.3.1'].toSet()
['1.3.0', '1.3.1'].each { String release ->
    def v = mlflow.getJson('model-versions/get', [name: model, version: byRelease[release].version]).model_version
    def run = runOf(release)
    assert run != null: "no validation run of ${release}"
    def runId = run.info.run_id
    assert v.run_id == runId
    assert v.source == "runs:/${runId}/model"
    assert v.status == 'READY'
    def tags = keyed(v.tags)
    assert tags['ml.modelSha256'] == promoted[release].modelSha256
    assert tags['ml.maven.coordinates'] == "io.github.mlmaven.it:${model}-model:${release}"
    assert tags['mlflow.source.git.commit'] == commit
    assert v.description.contains("io.github.mlmaven.it:${model}-model:${release}")
    // the validation run says which release it became
    assert keyed(mlflow.getJson('runs/get', [run_id: runId]).run.data.tags)['ml.version'] == release
    // what MLflow serves from the version's source is the model that was promoted, byte for byte
    def file = mlflow.getJson('artifacts/list', [run_id: runId, path: 'model']).files?.find { it.path.endsWith('.model') }
    assert file != null: "no model file among the artifacts of run ${runId}"
    assert sha256(mlflow.download("${experiment.experiment_id}/${runId}/artifacts/${file.path}")) ==
            promoted[release].modelSha256
}
assert byRelease['1.3.0'].version == '1' && byRelease['1.3.1'].version == '2' // in the order of promotion

// run 2 moved production to MLflow version 2, the rollback (run 3) back to version 1
assert builds[1] =~ /Registered .* as version 2 of the MLflow model ${model}/
assert builds[2].contains("Moved the MLflow alias production of ${model} to version 1 (1.3.0)")
def registered = mlflow.getJson('registered-models/get', [name: model]).registered_model
assert registered.aliases == [[alias: 'production', version: '1']]
def production = mlflow.getJson('registered-models/alias', [name: model, alias: 'production']).model_version
assert production.version == '1'
assert production.aliases == ['production']
assert keyed(production.tags)['ml.version'] == '1.3.0'
