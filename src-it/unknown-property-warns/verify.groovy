def log = new File(basedir, 'build.log').text

assert log.contains('BUILD SUCCESS')
def warnings = log.readLines().findAll { it.startsWith('[WARNING] -Dml.') }
// once each, although ml:train and ml:validate both ran the check
assert warnings == [
        '[WARNING] -Dml.fold is not read by any goal of ml-maven-plugin; did you mean -Dml.folds?',
        '[WARNING] -Dml.foo is not read by any goal of ml-maven-plugin; the properties each goal reads are listed in docs/goals.md',
]
assert new File(basedir, 'target/ml/unknown-property-warns/validation.json').isFile()
