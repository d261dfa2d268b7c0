import groovy.json.JsonSlurper

def git = evaluate(new File(itFixtures, 'git-project.groovy')).git
def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 3
def error = { String run -> run.readLines().find { it.startsWith('[ERROR] Failed to execute goal') } }
def dir = new File(basedir, 'target/ml/champion-refuses-worse')

// run 1: Logistic, promoted as 1.3.0
assert runs[0].contains('BUILD SUCCESS')
assert runs[0].contains('production is now 1.3.0')

// run 2: NaiveBayes meets the accuracy threshold, but recall drops from 31/64 to 28/64 (0.0469 > 0.02)
assert runs[1].contains('Evaluating the production model 1.3.0 on the same 200 rows')
assert runs[1].contains('BUILD FAILURE')
def failure = error(runs[1])
assert failure.contains(':validate ') && failure.contains('failed its gate')
assert failure.contains('recall drops by 0.0469 against production 1.3.0 (allowed 0.02)')
assert !failure.contains('accuracy')

def validation = new JsonSlurper().parse(new File(dir, 'validation.json'))
assert validation.algorithm == 'weka.classifiers.bayes.NaiveBayes'
assert validation.passed == false
assert validation.thresholds.every { it.passed }
def champion = validation.champion
assert champion.status == 'compared' && champion.version == '1.3.0' && champion.passed == false
assert Math.abs(validation.metrics.recall - 28 / 64) < 1e-9
assert Math.abs(champion.metrics.recall - 31 / 64) < 1e-9
assert Math.abs(champion.deltas.recall - (28 - 31) / 64) < 1e-9
def recallRule = champion.rules.find { it.metric == 'recall' }
assert recallRule.passed == false && Math.abs(recallRule.actual - 3 / 64) < 1e-9
// McNemar's test on the paired predictions of the 200 test rows: 145 right against 150, so c - b = 5; of the 27 rows
// where they disagree, 11 for the candidate is not significantly worse: exact p = 2 P(Bin(27, 1/2) <= 11) = 0.4421
assert Math.round(200 * validation.metrics.accuracy) == 145 && Math.round(200 * champion.metrics.accuracy) == 150
assert champion.mcnemar.b == 11 && champion.mcnemar.c == 16
BigInteger choose = 1G, atMost11 = 0G
for (k in 0..11) { atMost11 += choose; choose = (choose * (27 - k)).intdiv(k + 1) }
assert Math.abs(champion.mcnemar.pValue - ((2 * atMost11) / 2G.pow(27) as double)) < 1e-12
def significance = champion.rules.find { it.rule == 'significance' }
assert significance.bound == 0.05 && significance.passed == true
def summary = new File(dir, 'summary.md').text
assert summary.contains('| metric | candidate | production 1.3.0 | delta |')
assert summary =~ /\| recall \| 0\.4375 \| 0\.4844 \| -0\.0469 \|/

// run 3: promotion refused, nothing reserved
assert runs[2].contains('BUILD FAILURE')
def refused = error(runs[2])
assert refused.contains(':promote ') && refused.contains('failed its gate in the last validation')
def registry = new JsonSlurper().parseText(git(new File(basedir, 'origin.git'), 'show', 'ml-registry:models/champion-refuses-worse.json'))
assert registry.production == '1.3.0'
assert registry.versions*.version == ['1.3.0']
assert registry.versions[0].metrics.recall == champion.metrics.recall
assert !new File(basedir, 'release-repo/io/github/mlmaven/it/champion-refuses-worse-model/1.3.1').exists()
