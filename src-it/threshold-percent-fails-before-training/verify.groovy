def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
// refused by ml:train, before it reads or trains anything, with ml:validate's own check
assert error.contains(':train ')
assert error.contains('ml:validate would refuse this after training, so it is refused now')
assert error.contains('<thresholds><recall>: recall lies in [0, 1]')
assert error.contains('if 80 is meant as a percentage, write 0.80')
assert !log.contains('Training ')
assert !new File(basedir, 'target/ml/threshold-percent-fails-before-training/model-card.json').exists()
