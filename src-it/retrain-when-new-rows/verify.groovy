import groovy.json.JsonSlurper

def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3
def model = new File(basedir, 'target/ml/retrain-when-new-rows')
def json = { name -> new JsonSlurper().parse(new File(model, name)) }

// run 1: no production version yet, so the policy trains and says so
assert runs[0].contains('Retraining retrain-when-new-rows (<retrainWhen>): no production version yet, so the model is trained')
assert runs[0].contains('production is now 1.3.0')

// run 2: 20 new rows (part-2) < 40 and the same configuration as 1.3.0 (-Dml.retrainWhen.codeChanged=true): one line
// each from train and validate, and promote refuses
assert runs[1].contains('Skipping training of retrain-when-new-rows (<retrainWhen>): no retrain condition holds against'
        + ' production 1.3.0: 20 new labelled rows < newRows 40; training configuration and project classes unchanged')
assert runs[1].contains('Skipping ml:validate: ml:train skipped training (no retrain condition holds')
assert !runs[1].contains('Training weka.classifiers.trees.J48')
assert !runs[1].contains('Cross-validating')
assert runs[1].contains('nothing new to promote: ml:train skipped training of retrain-when-new-rows')
assert runs[1].contains('BUILD FAILURE')
assert !runs[1].contains('Reserved version')

// run 3: part-3 brings 50 new rows in all (part-1 is unchanged and not counted again): retrained and promoted
assert runs[2].contains('Retraining retrain-when-new-rows (<retrainWhen>): against production 1.3.0: 50 new labelled'
        + ' rows ≥ newRows 40')
assert runs[2].contains('150 rows, 50 new labelled rows since production 1.3.0')
assert runs[2].contains('Evaluating the production model 1.3.0')
assert runs[2].contains('production is now 1.3.1')

def perClass = ['Iris-setosa': 18, 'Iris-versicolor': 13, 'Iris-virginica': 19]
def card = json('model-card.json')
assert card.dataChanges.rows == 150
assert card.dataChanges.status == 'compared'
assert card.dataChanges.comparedWith == '1.3.0'
assert card.dataChanges.newRows == 50
assert card.dataChanges.newRowsPerClass == perClass
assert card.dataChanges.files.collect { [it.path, it.change, it.rows, it.newRows] } == [
        ['data/part-1.csv', 'unchanged', 100, 0], ['data/part-2.csv', 'new', 20, 20], ['data/part-3.csv', 'new', 30, 30]]
assert card.configurationKey ==~ /[0-9a-f]{64}/

def decision = json('retrain-decision.json')
assert decision.schemaVersion == 1 && decision.retrain == true
assert decision.figures.newRows == 50 && decision.figures.newRowsThreshold == 40

def validation = json('validation.json')
assert validation.data.rows == 150
assert validation.data.newRows == 50
assert validation.data.newRowsPerClass == perClass
assert validation.data.comparedWith == '1.3.0'
assert validation.data.retrainReason == 'against production 1.3.0: 50 new labelled rows ≥ newRows 40'
assert validation.metrics.accuracy != null

def summary = new File(model, 'summary.md').text
assert summary.contains('150 rows, 50 new labelled rows since production 1.3.0 (')
perClass.each { name, n -> assert summary.contains("${name} ${n}") }
assert summary.contains('Retrained (`<retrainWhen>`): against production 1.3.0: 50 new labelled rows ≥ newRows 40')
