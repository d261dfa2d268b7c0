def log = new File(basedir, 'build.log').text
def dir = new File(basedir, 'target/ml/mlflow-unreachable-warns')

assert log.contains('BUILD SUCCESS')
assert log.contains('Gate passed')
// retried with backoff, then one warning that says the result is unaffected
assert log.contains('retrying in 1 s (attempt 2 of 3)')
def warning = log.readLines().find { it.startsWith('[WARNING] Could not log the validation of mlflow-unreachable-warns to MLflow') }
assert warning != null
assert warning.contains('after 3 attempts')
assert warning.contains("The build's result is unaffected")
assert new File(dir, 'summary.md').text.contains('> **Warning:** Could not log the validation')
assert new File(dir, 'validation.json').isFile()
assert !new File(dir, 'mlflow-run.json').exists()
