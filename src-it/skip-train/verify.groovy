import groovy.json.JsonSlurper

def runs = new File(basedir, 'build.log').text.split(/\[INFO\] Scanning for projects\.\.\./).drop(1)
assert runs.size() == 2
def run2 = runs[1].readLines()

assert runs[0].contains('Trained skip-train')
assert runs[1].contains('BUILD SUCCESS')
def skips = run2.findAll { it.contains('Skipping ml:') }
assert skips.size() == 1
assert skips[0].contains('ml:train') && skips[0].contains('ml.train.skip')
assert !run2.any { it.contains('up to date') || it.contains('Trained') || it.contains('Training') }
// validate ran in run 2
assert run2.any { it.contains('Metrics of skip-train') }
assert new JsonSlurper().parse(new File(basedir, 'target/ml/skip-train/validation.json')).passed == true
