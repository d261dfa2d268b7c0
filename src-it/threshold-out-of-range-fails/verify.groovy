def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains('<thresholds><recall>')
assert error.contains('1.5')
assert error.contains('[0, 1]')
assert !new File(basedir, 'target/ml/threshold-out-of-range-fails/validation.json').exists()
