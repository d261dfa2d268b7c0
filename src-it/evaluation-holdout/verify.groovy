import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def card = new JsonSlurper().parse(new File(basedir, 'target/ml/evaluation-holdout/model-card.json'))
def validation = new JsonSlurper().parse(new File(basedir, 'target/ml/evaluation-holdout/validation.json'))

assert log.contains('BUILD SUCCESS')
assert validation.evaluation.method == 'holdout'
assert validation.evaluation.percent == 20
assert validation.evaluation.seed == 1
// 20% of 768 rows, stratified (500 negative, 268 positive)
assert validation.evaluation.rows >= 152 && validation.evaluation.rows <= 155
def support = validation.perClass.values()*.support
assert support.sum() == validation.evaluation.rows
assert Math.abs(validation.perClass.tested_negative.support - 100) <= 1
assert Math.abs(validation.perClass.tested_positive.support - 54) <= 1
// the model saw only the other rows
assert card.trainedOn.rows == 'holdout'
assert card.trainedOn.holdoutPercent == 20
assert card.trainedOn.rowCount + validation.evaluation.rows == 768
assert card.data.totalRows == 768
