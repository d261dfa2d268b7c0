def log = new File(basedir, 'build.log').text

assert log.contains('BUILD FAILURE')
def error = log.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains("'recal'")
assert error.contains('<thresholds><recal> (did you mean recall?)')
// refused by ml:train already, before it trains, with ml:validate's own check
assert error.contains(':train ')
// the valid names are listed
['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'prAuc', 'mcc', 'kappa', 'rmse', 'mae', 'r2', 'correlation'].each {
    assert error.contains(it)
}
assert !new File(basedir, 'target/ml/unknown-metric-fails/validation.json').exists()
