def log = new File(basedir, 'build.log').text

assert log.contains('BUILD SUCCESS')
assert log.contains('[WARNING] No production version of monitor-no-production in the registry (branch ml-registry):'
        + ' nothing to monitor. ml:promote a model first')
assert !new File(basedir, 'target/ml/monitor-no-production/monitoring.json').exists()
// nothing was written to the registry: its branch still does not exist on origin
def fixture = evaluate(new File(itFixtures, 'git-project.groovy'))
assert fixture.git(new File(basedir, 'origin.git'), 'branch', '--list', 'ml-registry') == ''
