def lines = new File(basedir, 'build.log').readLines()
def dir = new File(basedir, 'target/ml/skip-validate')

assert lines.any { it.contains('BUILD SUCCESS') }
assert lines.any { it.contains('Trained skip-validate') }
def skips = lines.findAll { it.contains('Skipping ml:') }
assert skips.size() == 1
assert skips[0].contains('ml:validate') && skips[0].contains('ml.validate.skip')
assert new File(dir, 'skip-validate.model').isFile()
assert !new File(dir, 'validation.json').exists()
