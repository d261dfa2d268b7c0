def lines = new File(basedir, 'build.log').readLines()

assert lines.any { it.contains('BUILD SUCCESS') }
def skips = lines.findAll { it.contains('Skipping ml:') }
assert skips.size() == 2
assert skips[0].contains('ml:train') && skips[0].contains('ml.skip')
assert skips[1].contains('ml:validate') && skips[1].contains('ml.skip')
assert !new File(basedir, 'target/ml').exists()
